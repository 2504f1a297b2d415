package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.internal.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The {@link Auth} factories, their proofs, and the CONNECT fields the proofs become. */
class AuthTest {
    private static final NKey USER = NKey.create(NKey.Type.USER);

    @Test
    void aSeedProvesWithItsPublicKeyAndASignatureOfTheNonce() {
        Auth auth = Auth.nkeySeed(new String(USER.seed()));
        Auth.Proof p = auth.prove("Xm3-nonce");
        assertThat(p.nkey()).contains(USER.publicKey());
        assertThat(p.jwt()).isEmpty();
        byte[] sig = Base64.getUrlDecoder().decode(p.signature());
        assertThat(USER.verify("Xm3-nonce".getBytes(StandardCharsets.UTF_8), sig)).isTrue();
        assertThat(auth.toString()).isEqualTo("Auth[NKey " + USER.publicKey() + "]");
        assertThat(p.toString()).isEqualTo("Proof[nkey " + USER.publicKey() + ", signed]");
    }

    @Test
    void onlyUserSeedsAreAccepted() {
        String accountSeed = new String(NKey.create(NKey.Type.ACCOUNT).seed());
        assertThatThrownBy(() -> Auth.nkeySeed(accountSeed)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("nkeySeed: the seed is of type ACCOUNT; clients need a USER seed (SU…)");
        assertThatThrownBy(() -> Auth.nkeySeed("SUnotaseed")).isInstanceOf(IllegalArgumentException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SUnotaseed"));
    }

    @Test
    void jwtCallbacksAreCalledForEachProof() {
        int[] calls = {0};
        Auth auth = Auth.jwt(() -> "jwt-" + ++calls[0], USER::sign);
        assertThat(auth.prove("n").jwt()).contains("jwt-1");
        assertThat(auth.prove("n").jwt()).contains("jwt-2");
        assertThat(auth.toString()).isEqualTo("Auth[JWT callbacks]");
        assertThatThrownBy(() -> Auth.jwt(() -> null, USER::sign).prove("n"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("the JWT callback returned no JWT");
        assertThatThrownBy(() -> Auth.jwt(() -> "a.b.c", nonce -> new byte[0]).prove("n"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("the signer returned no signature");
    }

    @Test
    void connectCarriesNkeyJwtAndSigOnlyWhenGiven() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode plain = json.readTree(JsonCodec.connect(
            new JsonCodec.ConnectFields("n", "java", "1", true, false, false, null, null, null)));
        assertThat(plain.has("nkey") || plain.has("jwt") || plain.has("sig")).isFalse();
        JsonCodec.ConnectFields fields = new JsonCodec.ConnectFields("n", "java", "1", true, false, false,
            null, null, null, "UKEY", "h.c.s", "c2ln");
        JsonNode signed = json.readTree(JsonCodec.connect(fields));
        assertThat(signed.path("nkey").asText()).isEqualTo("UKEY");
        assertThat(signed.path("jwt").asText()).isEqualTo("h.c.s");
        assertThat(signed.path("sig").asText()).isEqualTo("c2ln");
        assertThat(fields.toString()).doesNotContain("h.c.s").doesNotContain("c2ln");
    }

    @Test
    void theExpiryOfAJwtIsReadForExplainingRefusals() {
        NKey account = NKey.create(NKey.Type.ACCOUNT);
        java.time.Instant exp = java.time.Instant.ofEpochSecond(1_700_000_000L);
        assertThat(JsonCodec.jwtExpiry(JwtIssuer.user(account, USER.publicKey(), exp))).isEqualTo(1_700_000_000L);
        assertThat(JsonCodec.jwtExpiry(JwtIssuer.user(account, USER.publicKey(), null))).isZero();
        assertThat(JsonCodec.jwtExpiry("garbage")).isZero();
        assertThat(JsonCodec.jwtExpiry("a.!!!.c")).isZero();
    }
}
