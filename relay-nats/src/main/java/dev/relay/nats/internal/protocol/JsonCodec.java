package dev.relay.nats.internal.protocol;

import dev.relay.nats.ProtocolException;
import dev.relay.nats.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the INFO JSON into a {@link ServerInfo} and builds the CONNECT JSON, with {@link SmallJson}: a
 * connect needs no JSON library. Unknown INFO fields are ignored (newer servers add them); a missing
 * field, or one of another type than expected, takes its zero value. Stateless; thread-safe.
 */
public final class JsonCodec {
    private JsonCodec() {
    }

    /**
     * The fields this client sends in CONNECT; null leaves a field out. {@code nkey} (NKey mode) or
     * {@code jwt} (JWT mode) go with {@code sig}, the server's nonce signed, base64url without padding.
     */
    public record ConnectFields(String name, String lang, String version, boolean echo, boolean pedantic,
                                boolean tlsRequired, String user, String pass, String authToken,
                                String nkey, String jwt, String sig, boolean headers, boolean noResponders) {
        /** The fields with headers and "no responders" on. */
        public ConnectFields(String name, String lang, String version, boolean echo, boolean pedantic,
                             boolean tlsRequired, String user, String pass, String authToken,
                             String nkey, String jwt, String sig) {
            this(name, lang, version, echo, pedantic, tlsRequired, user, pass, authToken, nkey, jwt, sig, true, true);
        }

        /** The fields without NKey or JWT authentication. */
        public ConnectFields(String name, String lang, String version, boolean echo, boolean pedantic,
                             boolean tlsRequired, String user, String pass, String authToken) {
            this(name, lang, version, echo, pedantic, tlsRequired, user, pass, authToken, null, null, null);
        }

        /** @return the field names only: several values are credentials */
        @Override
        public String toString() {
            return "ConnectFields[name=" + name + ", user=" + user + (pass != null ? ", pass" : "")
                + (authToken != null ? ", auth_token" : "") + (nkey != null ? ", nkey=" + nkey : "")
                + (jwt != null ? ", jwt" : "") + (sig != null ? ", sig" : "") + "]";
        }
    }

    /** The promised printable excerpt of a refused INFO: escaped as every protocol error's is. */
    private static String excerpt(String json) {
        byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Ascii.excerpt(java.nio.ByteBuffer.wrap(b), 0, b.length, 80);
    }

    /**
     * Parses the JSON object of an INFO line.
     *
     * @param json the object text
     * @return the server info
     * @throws ProtocolException if the text is not a JSON object
     */
    public static ServerInfo parseInfo(String json) {
        Object parsed;
        try {
            parsed = SmallJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("INFO is not valid JSON (" + e.getMessage() + ")", 0, excerpt(json));
        }
        if (!(parsed instanceof Map<?, ?> n)) {
            throw new ProtocolException("INFO is not a JSON object", 0, excerpt(json));
        }
        List<String> urls = new ArrayList<>();
        if (n.get("connect_urls") instanceof List<?> cu) {
            for (Object u : cu) {
                if (u instanceof String url) {
                    urls.add(url);
                }
            }
        }
        return new ServerInfo(
            text(n, "server_id"),
            text(n, "server_name"),
            text(n, "version"),
            text(n, "host"),
            (int) number(n, "port", 0),
            (int) number(n, "proto", 0),
            number(n, "max_payload", 1024 * 1024),
            flag(n, "headers"),
            flag(n, "jetstream"),
            flag(n, "auth_required"),
            flag(n, "tls_required"),
            flag(n, "tls_available"),
            number(n, "client_id", 0),
            text(n, "client_ip"),
            text(n, "nonce"),
            text(n, "cluster"),
            List.copyOf(urls),
            flag(n, "ldm"));
    }

    private static String text(Map<?, ?> n, String key) {
        Object v = n.get(key);
        if (v instanceof String t) {
            return t;
        }
        return v instanceof SmallJson.Number num ? num.text() : v instanceof Boolean bool ? bool.toString() : "";
    }

    /** A whole number that fits a long; anything else (a fraction, a string, too large) gives the default. */
    private static long number(Map<?, ?> n, String key, long otherwise) {
        if (n.get(key) instanceof SmallJson.Number num) {
            try {
                return Long.parseLong(num.text());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    private static boolean flag(Map<?, ?> n, String key) {
        return Boolean.TRUE.equals(n.get(key));
    }

    /**
     * The {@code exp} claim of a JWT, without checking its signature: only to explain a refusal.
     *
     * @param jwt the JWT
     * @return seconds since the epoch, or 0 when it has none or cannot be read
     */
    public static long jwtExpiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return 0;
        }
        try {
            Object claims = SmallJson.parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8));
            return claims instanceof Map<?, ?> m ? number(m, "exp", 0) : 0;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /**
     * Builds the CONNECT object: verbose off, headers and no-responders on, protocol 1.
     *
     * @param f the fields
     * @return UTF-8 JSON bytes
     */
    public static byte[] connect(ConnectFields f) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"verbose\":false,\"pedantic\":").append(f.pedantic())
            .append(",\"tls_required\":").append(f.tlsRequired());
        field(b, "name", f.name());
        field(b, "lang", f.lang());
        field(b, "version", f.version());
        b.append(",\"protocol\":1,\"echo\":").append(f.echo())
            .append(",\"headers\":").append(f.headers())
            .append(",\"no_responders\":").append(f.headers() && f.noResponders());
        field(b, "user", f.user());
        field(b, "pass", f.pass());
        field(b, "auth_token", f.authToken());
        field(b, "nkey", f.nkey());
        field(b, "jwt", f.jwt());
        field(b, "sig", f.sig());
        return b.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Appends {@code ,"key":"value"}, or nothing for a null value. */
    private static void field(StringBuilder b, String key, String value) {
        if (value != null) {
            b.append(",\"").append(key).append("\":");
            SmallJson.quote(b, value);
        }
    }
}
