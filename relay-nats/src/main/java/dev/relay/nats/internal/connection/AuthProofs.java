package dev.relay.nats.internal.connection;

import dev.relay.nats.Auth;
import dev.relay.nats.AuthenticationException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.Options;
import dev.relay.nats.ServerErrorException;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.internal.protocol.JsonCodec;
import java.time.Instant;

/**
 * Signs a server's nonce with the options' {@link Auth} for the CONNECT of one handshake, turning
 * every failure into a {@link ConnectionException} so that nothing thrown by file reading or user
 * callbacks reaches the I/O thread unhandled; and explains a refusal the server leaves unexplained.
 * Called by {@link Inbound} on the I/O thread; stateless.
 */
final class AuthProofs {
    private AuthProofs() {
    }

    /**
     * The proof to send, or null when the options have no {@link Auth}.
     *
     * @throws ConnectionException if the server sent no nonce, or the credentials cannot be read or used
     */
    static Auth.Proof prove(Options options, ServerInfo info, String url) {
        Auth auth = options.auth().orElse(null);
        if (auth == null) {
            return null;
        }
        // nats-server 2.9 sends a nonce exactly when NKey users or trusted operators are configured.
        // Without one there is nothing to sign: say so rather than let a server that wants something
        // else (or nothing) answer with a bare "Authorization Violation".
        if (info.nonce().isEmpty()) {
            throw new ConnectionException("server " + url + " did not ask for NKey/JWT authentication (its INFO "
                + "has no nonce) but the options set " + auth + "; remove the auth or fix the server config");
        }
        try {
            return auth.prove(info.nonce());
        } catch (RuntimeException e) {
            // messages of our own readers name files and problems, never secrets; user callbacks' are theirs
            throw new ConnectionException("cannot authenticate to " + url + " with " + auth + ": " + e.getMessage(), e);
        }
    }

    /**
     * A handshake {@code -ERR}, with the reason added when the client can tell it: nats-server 2.9
     * answers an expired user JWT with a bare {@code Authorization Violation} (it logs only
     * "authentication error"), so the client checks the {@code exp} of the JWT it sent.
     *
     * @param error the mapped server error
     * @param sent the proof sent in CONNECT, or null
     * @return {@code error}, or an {@link AuthenticationException} that says the JWT expired
     */
    static ServerErrorException explain(ServerErrorException error, Auth.Proof sent) {
        if (!(error instanceof AuthenticationException) || sent == null || sent.jwt().isEmpty()) {
            return error;
        }
        long exp = JsonCodec.jwtExpiry(sent.jwt().get());
        if (exp > 0 && exp <= Instant.now().getEpochSecond()) {
            return new AuthenticationException(error.serverMessage(), "the user JWT expired at "
                + Instant.ofEpochSecond(exp) + "; get fresh credentials");
        }
        return error;
    }
}
