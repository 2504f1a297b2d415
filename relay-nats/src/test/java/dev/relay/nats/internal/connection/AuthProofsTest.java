package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Auth;
import dev.relay.nats.AuthenticationException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.NKey;
import dev.relay.nats.Options;
import dev.relay.nats.ServerErrorException;
import dev.relay.nats.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handshake's use of {@link Auth}, without a socket: no nonce, failing callbacks, explained refusals. */
class AuthProofsTest {
    private static final NKey USER = NKey.create(NKey.Type.USER);

    private static ServerInfo info(String nonce) {
        return new ServerInfo("id", "n", "2.9.10", "h", 4222, 1, 1 << 20, true, false, true, false, false, 1, "", nonce, "",
            List.of(), false);
    }

    @Test
    void withoutAuthNothingIsSignedAndWithoutANonceTheClientSaysWhy() {
        assertThat(AuthProofs.prove(Options.builder().build(), info("abc"), "nats://h:1")).isNull();
        Options nkey = Options.builder().auth(Auth.nkeySeed(new String(USER.seed()))).build();
        assertThat(AuthProofs.prove(nkey, info("abc"), "nats://h:1").nkey()).contains(USER.publicKey());
        assertThatThrownBy(() -> AuthProofs.prove(nkey, info(""), "nats://h:1"))
            .isInstanceOf(ConnectionException.class)
            .hasMessage("server nats://h:1 did not ask for NKey/JWT authentication (its INFO has no nonce) but the "
                + "options set Auth[NKey " + USER.publicKey() + "]; remove the auth or fix the server config");
    }

    @Test
    void aFailingCallbackBecomesAConnectionException() {
        Options o = Options.builder().auth(Auth.jwt(() -> {
            throw new IllegalStateException("vault sealed");
        }, USER::sign)).build();
        assertThatThrownBy(() -> AuthProofs.prove(o, info("abc"), "nats://h:1"))
            .isInstanceOf(ConnectionException.class)
            .hasMessage("cannot authenticate to nats://h:1 with Auth[JWT callbacks]: vault sealed");
    }

    @Test
    void aRefusalOfAnExpiredJwtSaysItExpired() {
        String expired = jwt("{\"exp\":1000}");
        Auth.Proof sent = new Auth.Proof(Optional.empty(), Optional.of(expired), "sig");
        ServerErrorException e = AuthProofs.explain(new AuthenticationException("Authorization Violation"), sent);
        assertThat(e).isInstanceOf(AuthenticationException.class)
            .hasMessage("authentication failed: the server said 'Authorization Violation': the user JWT expired at "
                + Instant.ofEpochSecond(1000) + "; get fresh credentials");
        assertThat(e.serverMessage()).isEqualTo("Authorization Violation");

        AuthenticationException plain = new AuthenticationException("Authorization Violation");
        String valid = jwt("{\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
        assertThat(AuthProofs.explain(plain, new Auth.Proof(Optional.empty(), Optional.of(valid), "s"))).isSameAs(plain);
        assertThat(AuthProofs.explain(plain, null)).isSameAs(plain);
        ServerErrorException other = new ServerErrorException("Maximum Connections Exceeded");
        assertThat(AuthProofs.explain(other, sent)).isSameAs(other);
    }

    private static String jwt(String claims) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
            + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
