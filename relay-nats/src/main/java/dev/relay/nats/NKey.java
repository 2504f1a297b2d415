package dev.relay.nats;

import dev.relay.nats.internal.protocol.NKeyCodec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A NATS NKey: an Ed25519 key pair (or only its public half) in the NATS text encoding, which
 * names the role ({@link Type}) and carries a CRC-16. Signs with the JDK's Ed25519 provider; no
 * other dependency. Immutable; thread-safe. {@link #toString()} shows only the public key.
 *
 * <pre>{@code
 * NKey user = NKey.create(NKey.Type.USER);
 * String pub = user.publicKey();          // "U…", 56 characters: safe to share
 * char[] seed = user.seed();              // "SU…", 58 characters: secret, wipe when done
 * byte[] sig = NKey.fromSeed(seed).sign(nonce);
 * }</pre>
 */
public final class NKey {
    /** X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the 32 raw bytes follow. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int CURVE_PREFIX = 23 << 3;

    /** The role of a key, which is its first letter. Curve ('X') keys are not supported. */
    public enum Type {
        /** Operator key, 'O'. */
        OPERATOR(14 << 3),
        /** Account key, 'A'. */
        ACCOUNT(0),
        /** User key, 'U': what clients connect with. */
        USER(20 << 3),
        /** Server key, 'N'. */
        SERVER(13 << 3),
        /** Cluster key, 'C'. */
        CLUSTER(2 << 3);

        private final int prefix;

        Type(int prefix) {
            this.prefix = prefix;
        }

        /** @return the first letter of public keys of this type */
        public char letter() {
            return (char) ('A' + (prefix >> 3));
        }

        static Type of(int prefix, String what) {
            for (Type t : values()) {
                if (t.prefix == prefix) {
                    return t;
                }
            }
            if (prefix == CURVE_PREFIX) {
                throw new IllegalArgumentException(what + " is a curve (X) key, which is not supported");
            }
            throw new IllegalArgumentException(what + " has an unknown type prefix");
        }
    }

    private final Type type;
    private final byte[] publicRaw;
    private final String publicKey;
    private final byte[] seedRaw; // null when public-only
    private final PrivateKey privateKey; // null when public-only

    private NKey(Type type, byte[] publicRaw, byte[] seedRaw, PrivateKey privateKey) {
        this.type = type;
        this.publicRaw = publicRaw;
        this.publicKey = NKeyCodec.encodePublic(type.prefix, publicRaw);
        this.seedRaw = seedRaw;
        this.privateKey = privateKey;
    }

    /**
     * Makes a new key pair from {@link SecureRandom} bytes.
     *
     * @param type the role of the key
     * @return the key pair
     */
    public static NKey create(Type type) {
        Objects.requireNonNull(type, "type");
        byte[] seed = new byte[NKeyCodec.KEY_LENGTH];
        new SecureRandom().nextBytes(seed);
        return fromRawSeed(type, seed);
    }

    /**
     * Reads a seed ({@code S} + type letter + …, 58 characters). Surrounding whitespace is ignored.
     *
     * @param seed the seed text; not kept (copy it and wipe your array if you want)
     * @return the key pair
     * @throws IllegalArgumentException if the text is not a valid seed; the message never repeats it
     */
    public static NKey fromSeed(char[] seed) {
        Objects.requireNonNull(seed, "seed");
        char[] text = trim(seed);
        byte[] raw = NKeyCodec.decodeChecked(text, "seed");
        Arrays.fill(text, '\0');
        try {
            if (raw.length != 2 + NKeyCodec.KEY_LENGTH || (raw[0] & 0xf8) != NKeyCodec.SEED_PREFIX) {
                throw new IllegalArgumentException("seed is not an NKey seed (it must start with 'S' and be 58 characters)");
            }
            Type type = Type.of((raw[0] & 0x07) << 5 | (raw[1] & 0xf8) >> 3, "seed");
            return fromRawSeed(type, Arrays.copyOfRange(raw, 2, raw.length));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Reads a seed ({@code S} + type letter + …). Prefer {@link #fromSeed(char[])}: a {@code String}
     * cannot be wiped.
     *
     * @param seed the seed text
     * @return the key pair
     * @throws IllegalArgumentException if the text is not a valid seed; the message never repeats it
     */
    public static NKey fromSeed(String seed) {
        Objects.requireNonNull(seed, "seed");
        return fromSeed(seed.toCharArray());
    }

    /**
     * Reads a public key, for verifying only.
     *
     * @param publicKey the 56-character public key
     * @return a key that can {@link #verify} but not {@link #sign}
     * @throws IllegalArgumentException if the text is not a valid public key
     */
    public static NKey fromPublicKey(String publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        byte[] raw = NKeyCodec.decodeChecked(publicKey.strip().toCharArray(), "public key");
        if (raw.length != 1 + NKeyCodec.KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 56 characters, got " + publicKey.strip().length());
        }
        Type type = Type.of(raw[0] & 0xff, "public key '" + publicKey.strip() + "'");
        return new NKey(type, Arrays.copyOfRange(raw, 1, raw.length), null, null);
    }

    /**
     * Whether the text is a valid public key of the given type.
     *
     * @param publicKey the text
     * @param type the expected type
     * @return true if it decodes, its checksum matches and its type is {@code type}
     */
    public static boolean isValidPublicKey(String publicKey, Type type) {
        if (publicKey == null || type == null) {
            return false;
        }
        try {
            return fromPublicKey(publicKey).type == type;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Package-private for tests: a key pair from 32 raw seed bytes (RFC 8032 test vectors). */
    static NKey fromRawSeed(Type type, byte[] seed) {
        if (seed.length != NKeyCodec.KEY_LENGTH) {
            throw new IllegalArgumentException("seed must hold 32 bytes");
        }
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            // The JDK derives the public key only while generating: feed it the seed as its "random" bytes.
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] pub = Arrays.copyOfRange(x509, x509.length - NKeyCodec.KEY_LENGTH, x509.length);
            return new NKey(type, pub, seed.clone(), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 support", e);
        }
    }

    /** @return the public key, e.g. {@code UD…} for a user: safe to log and share */
    public String publicKey() {
        return publicKey;
    }

    /** @return the role of this key */
    public Type type() {
        return type;
    }

    /** @return whether this key holds its seed and can {@link #sign} */
    public boolean hasSeed() {
        return seedRaw != null;
    }

    /**
     * The seed text. Secret: never log it; wipe the array when done.
     *
     * @return a fresh copy of the 58-character seed
     * @throws IllegalStateException if this key was made from a public key only
     */
    public char[] seed() {
        requireSeed("seed");
        return NKeyCodec.encodeSeed(type.prefix, seedRaw);
    }

    /**
     * Signs data with Ed25519.
     *
     * @param data the bytes to sign, e.g. the server's nonce
     * @return the 64-byte signature
     * @throws IllegalStateException if this key was made from a public key only
     */
    public byte[] sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        requireSeed("sign");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Checks an Ed25519 signature made by this key.
     *
     * @param data the signed bytes
     * @param signature the signature
     * @return true if the signature is this key's over {@code data}
     */
    public boolean verify(byte[] data, byte[] signature) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signature, "signature");
        try {
            byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + NKeyCodec.KEY_LENGTH);
            System.arraycopy(publicRaw, 0, x509, X509_PREFIX.length, NKeyCodec.KEY_LENGTH);
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pub);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Package-private for tests: the 32 raw public key bytes. */
    byte[] rawPublicKey() {
        return publicRaw.clone();
    }

    private void requireSeed(String what) {
        if (seedRaw == null) {
            throw new IllegalStateException(what + ": key " + publicKey + " was made from its public key only");
        }
    }

    private static char[] trim(char[] s) {
        int a = 0;
        int b = s.length;
        while (a < b && Character.isWhitespace(s[a])) {
            a++;
        }
        while (b > a && Character.isWhitespace(s[b - 1])) {
            b--;
        }
        return Arrays.copyOfRange(s, a, b);
    }

    /** Equal when the public keys are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NKey k && k.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** @return {@code NKey[USER UD…]}: the public key only, never the seed */
    @Override
    public String toString() {
        return "NKey[" + type + " " + publicKey + "]";
    }

    /** A "random" source that hands out given bytes: how the JDK is made to derive a public key. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
