package dev.relay.nats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A way to prove identity by signing the server's challenge: an NKey seed, a seed file, a
 * {@code .creds} file, or JWT callbacks. Set with {@link Options.Builder#auth(Auth)}; user/password
 * and token stay on {@link Options}. Files are read on every connect and reconnect, so rotated
 * credentials are picked up. Immutable; thread-safe.
 *
 * <pre>{@code
 * Options o = Options.builder().servers(url).auth(Auth.credsFile(Path.of("user.creds"))).build();
 * }</pre>
 */
public sealed interface Auth permits RealAuth {

    /**
     * What the client puts into CONNECT for one handshake.
     *
     * @param nkey the user's public key (NKey mode), or empty
     * @param jwt the user JWT (JWT mode), or empty
     * @param signature the server's nonce signed with Ed25519, base64url without padding
     */
    record Proof(Optional<String> nkey, Optional<String> jwt, String signature) {
        /** Checks that the proof names who signs. */
        public Proof {
            Objects.requireNonNull(nkey, "nkey");
            Objects.requireNonNull(jwt, "jwt");
            Objects.requireNonNull(signature, "signature");
        }

        /** @return the field names present, never their values: signatures and JWTs are credentials */
        @Override
        public String toString() {
            return "Proof[" + (nkey.isPresent() ? "nkey " + nkey.get() : "jwt") + ", signed]";
        }
    }

    /**
     * Authenticates with a user NKey seed ({@code SU…}); the server's config lists the public key.
     * The seed is checked now.
     *
     * @param seed the user seed
     * @return the auth
     * @throws IllegalArgumentException if the seed is not a valid user seed (the message never repeats it)
     */
    static Auth nkeySeed(String seed) {
        return RealAuth.seed(seed);
    }

    /**
     * Authenticates with the user NKey seed in a file (the seed alone, as written by
     * {@code relay nkey gen}, or any file with a line starting {@code SU}). The file is checked now
     * and read again on every connect.
     *
     * @param seedFile the file
     * @return the auth
     * @throws IllegalArgumentException if the file cannot be read or holds no valid user seed
     */
    static Auth nkeyFile(Path seedFile) {
        return RealAuth.seedFile(seedFile);
    }

    /**
     * Authenticates with a {@code .creds} file: a {@code -----BEGIN NATS USER JWT-----} block and a
     * {@code -----BEGIN USER NKEY SEED-----} block, as written by {@code nsc}. The file is checked now
     * and read again on every connect.
     *
     * @param credsFile the file
     * @return the auth
     * @throws IllegalArgumentException if the file cannot be read or is malformed; the message names the
     *     file and the problem, never its contents
     */
    static Auth credsFile(Path credsFile) {
        return RealAuth.creds(credsFile);
    }

    /**
     * Authenticates with a user JWT and a signer, both called on every connect: the secrets can stay in
     * a vault. The callbacks run on the connection's I/O thread and should return quickly.
     *
     * @param jwt supplies the user JWT
     * @param signer signs the server's nonce (UTF-8 bytes) with the user's Ed25519 key, e.g.
     *     {@code nonce -> nkey.sign(nonce)}
     * @return the auth
     */
    static Auth jwt(Supplier<String> jwt, Function<byte[], byte[]> signer) {
        return RealAuth.callbacks(jwt, signer);
    }

    /**
     * Signs a server's nonce: what the connection calls during each handshake. Reads files and calls
     * callbacks, so it may block briefly.
     *
     * @param nonce the {@code nonce} of the server's INFO
     * @return what to send in CONNECT
     * @throws IllegalArgumentException if a file is gone or malformed, or a callback returns nothing
     */
    Proof prove(String nonce);
}
