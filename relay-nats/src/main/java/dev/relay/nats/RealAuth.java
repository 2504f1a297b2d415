package dev.relay.nats;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one implementation of {@link Auth}: a description for {@link #toString()} (public parts only)
 * and a function from the server's nonce to the CONNECT proof. Immutable; thread-safe as long as
 * user callbacks are.
 */
final class RealAuth implements Auth {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String description;
    private final Function<String, Proof> prover;

    private RealAuth(String description, Function<String, Proof> prover) {
        this.description = description;
        this.prover = prover;
    }

    static Auth seed(String seed) {
        Objects.requireNonNull(seed, "seed");
        NKey key = NKey.fromSeed(seed);
        if (key.type() != NKey.Type.USER) {
            throw new IllegalArgumentException("nkeySeed: the seed is of type " + key.type()
                + "; clients need a USER seed (SU…)");
        }
        return new RealAuth("NKey " + key.publicKey(), nonce -> nkeyProof(key, nonce));
    }

    static Auth seedFile(Path file) {
        Objects.requireNonNull(file, "seedFile");
        CredsFile.readSeedFile(file);
        return new RealAuth("NKey seed file " + file, nonce -> nkeyProof(CredsFile.readSeedFile(file), nonce));
    }

    static Auth creds(Path file) {
        Objects.requireNonNull(file, "credsFile");
        CredsFile.readCreds(file);
        return new RealAuth("creds file " + file, nonce -> {
            CredsFile.Creds c = CredsFile.readCreds(file);
            return new Proof(Optional.empty(), Optional.of(c.jwt()), sign(c.key()::sign, nonce));
        });
    }

    static Auth callbacks(Supplier<String> jwt, Function<byte[], byte[]> signer) {
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(signer, "signer");
        return new RealAuth("JWT callbacks", nonce -> {
            String token = jwt.get();
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the JWT callback returned no JWT");
            }
            return new Proof(Optional.empty(), Optional.of(token.strip()), sign(signer, nonce));
        });
    }

    private static Proof nkeyProof(NKey key, String nonce) {
        return new Proof(Optional.of(key.publicKey()), Optional.empty(), sign(key::sign, nonce));
    }

    private static String sign(Function<byte[], byte[]> signer, String nonce) {
        byte[] sig = signer.apply(nonce.getBytes(StandardCharsets.UTF_8));
        if (sig == null || sig.length == 0) {
            throw new IllegalArgumentException("the signer returned no signature");
        }
        return BASE64URL.encodeToString(sig);
    }

    @Override
    public Proof prove(String nonce) {
        Objects.requireNonNull(nonce, "nonce");
        return prover.apply(nonce);
    }

    /** @return what kind of auth and its public key or file, never a secret */
    @Override
    public String toString() {
        return "Auth[" + description + "]";
    }
}
