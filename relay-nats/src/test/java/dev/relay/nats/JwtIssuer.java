package dev.relay.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.internal.protocol.NKeyCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Test-only issuer of NATS v2 JWTs (operator, account, user), written from the NATS JWT docs, for
 * running nats-server in operator mode with keys made inside the test. Each JWT is
 * {@code base64url(header).base64url(claims).base64url(Ed25519 signature of the first two parts)} with
 * header {@code {"typ":"JWT","alg":"ed25519-nkey"}}; {@code jti} is the base32 SHA-512/256 of the claims
 * without it. Stateless; thread-safe.
 */
public final class JwtIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private JwtIssuer() {
    }

    /**
     * nats-server config for operator mode with a memory resolver preloaded with an application account
     * and a system account, both signed by the operator.
     *
     * @param operator the operator key
     * @param account the application account's key (users signed by it can connect)
     * @param system the system account's key
     * @return config text for {@code NatsServerConfig.Builder.extraConfig}
     */
    public static String operatorModeConfig(NKey operator, NKey account, NKey system) {
        return "operator: " + operator(operator) + "\n"
            + "system_account: " + system.publicKey() + "\n"
            + "resolver: MEMORY\n"
            + "resolver_preload: {\n"
            + "  " + account.publicKey() + ": " + account(operator, account, "app") + "\n"
            + "  " + system.publicKey() + ": " + account(operator, system, "SYS") + "\n"
            + "}\n";
    }

    /** A self-signed operator JWT. */
    public static String operator(NKey operator) {
        ObjectNode nats = JSON.createObjectNode().put("type", "operator").put("version", 2);
        return sign(operator, operator.publicKey(), "test-operator", nats, null);
    }

    /** An account JWT signed by the operator, without limits. */
    public static String account(NKey operator, NKey account, String name) {
        ObjectNode nats = JSON.createObjectNode();
        ObjectNode limits = nats.putObject("limits");
        for (String unlimited : new String[] {"subs", "data", "payload", "imports", "exports", "conn", "leaf"}) {
            limits.put(unlimited, -1);
        }
        limits.put("wildcards", true);
        ObjectNode perms = nats.putObject("default_permissions");
        perms.putObject("pub");
        perms.putObject("sub");
        nats.put("type", "account").put("version", 2);
        return sign(operator, account.publicKey(), name, nats, null);
    }

    /** A user JWT signed by the account; {@code expires} null for none. */
    public static String user(NKey account, String userPublicKey, Instant expires) {
        ObjectNode nats = JSON.createObjectNode();
        nats.putObject("pub");
        nats.putObject("sub");
        nats.put("subs", -1).put("data", -1).put("payload", -1);
        nats.put("type", "user").put("version", 2);
        return sign(account, userPublicKey, "test-user", nats, expires);
    }

    /** A {@code .creds} file's text, decorated as nsc writes it (line ends as given). */
    public static String creds(String jwt, char[] seed, String eol) {
        return "-----BEGIN NATS USER JWT-----" + eol + jwt + eol + "------END NATS USER JWT------" + eol + eol
            + "************************* IMPORTANT *************************" + eol
            + "NKEY Seed printed below can be used to sign and prove identity." + eol + eol
            + "-----BEGIN USER NKEY SEED-----" + eol + new String(seed) + eol + "------END USER NKEY SEED------" + eol
            + eol + "*************************************************************" + eol;
    }

    private static String sign(NKey issuer, String subject, String name, ObjectNode nats, Instant expires) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("iss", issuer.publicKey());
        claims.put("name", name);
        claims.put("sub", subject);
        if (expires != null) {
            claims.put("exp", expires.getEpochSecond());
        }
        claims.set("nats", nats);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512/256").digest(JSON.writeValueAsBytes(claims));
            claims.put("jti", new String(NKeyCodec.base32(hash)));
            String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
            String body = header + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return body + "." + B64.encodeToString(issuer.sign(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
