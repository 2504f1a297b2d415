package dev.relay.nats.internal.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.ProtocolException;
import dev.relay.nats.ServerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the INFO JSON into a {@link ServerInfo} and builds the CONNECT JSON. Unknown INFO fields are
 * ignored (newer servers add them); a missing field takes its zero value. Stateless; thread-safe.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new ProtocolException("INFO is not valid JSON (" + e.getMessage().split("\n")[0] + ")", 0, excerpt(json));
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException("INFO is not a JSON object", 0, excerpt(json));
        }
        List<String> urls = new ArrayList<>();
        JsonNode cu = n.path("connect_urls");
        if (cu.isArray()) {
            cu.forEach(u -> urls.add(u.asText()));
        }
        return new ServerInfo(
            n.path("server_id").asText(""),
            n.path("server_name").asText(""),
            n.path("version").asText(""),
            n.path("host").asText(""),
            n.path("port").asInt(0),
            n.path("proto").asInt(0),
            n.path("max_payload").asLong(1024 * 1024),
            n.path("headers").asBoolean(false),
            n.path("jetstream").asBoolean(false),
            n.path("auth_required").asBoolean(false),
            n.path("tls_required").asBoolean(false),
            n.path("tls_available").asBoolean(false),
            n.path("client_id").asLong(0),
            n.path("client_ip").asText(""),
            n.path("nonce").asText(""),
            n.path("cluster").asText(""),
            List.copyOf(urls),
            n.path("ldm").asBoolean(false));
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
            return MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("exp").asLong(0);
        } catch (Exception e) {
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
        ObjectNode o = MAPPER.createObjectNode();
        o.put("verbose", false);
        o.put("pedantic", f.pedantic());
        o.put("tls_required", f.tlsRequired());
        if (f.name() != null) {
            o.put("name", f.name());
        }
        o.put("lang", f.lang());
        o.put("version", f.version());
        o.put("protocol", 1);
        o.put("echo", f.echo());
        o.put("headers", f.headers());
        o.put("no_responders", f.headers() && f.noResponders());
        if (f.user() != null) {
            o.put("user", f.user());
        }
        if (f.pass() != null) {
            o.put("pass", f.pass());
        }
        if (f.authToken() != null) {
            o.put("auth_token", f.authToken());
        }
        if (f.nkey() != null) {
            o.put("nkey", f.nkey());
        }
        if (f.jwt() != null) {
            o.put("jwt", f.jwt());
        }
        if (f.sig() != null) {
            o.put("sig", f.sig());
        }
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode CONNECT", e);
        }
    }
}
