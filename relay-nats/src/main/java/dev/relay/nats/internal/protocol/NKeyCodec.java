package dev.relay.nats.internal.protocol;

import java.util.Arrays;

/**
 * The text form of NATS NKeys, without any cryptography: RFC 4648 base32 (no padding) of
 * {@code prefix byte(s) | 32-byte key | CRC-16 little-endian}, the CRC being CRC-16/XMODEM
 * (polynomial 0x1021, initial value 0) over the prefix and the key. Used by the public {@code NKey}.
 * Stateless; thread-safe.
 *
 * <pre>
 * public key: [type prefix][32 key bytes][crc lo][crc hi]                    35 bytes → 56 chars
 * seed:       [0x90 | type >> 5][(type &amp; 31) &lt;&lt; 3][32 seed bytes][crc lo][crc hi]  36 bytes → 58 chars
 * </pre>
 *
 * <p>Decoding errors are {@link IllegalArgumentException}s whose messages never echo the input: the
 * input may be a secret seed.
 */
public final class NKeyCodec {
    /** Length of a raw Ed25519 key or seed, in bytes. */
    public static final int KEY_LENGTH = 32;
    /** First byte of every seed, before the type bits are added ('S'). */
    public static final int SEED_PREFIX = 18 << 3;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private NKeyCodec() {
    }

    /**
     * Encodes a public key.
     *
     * @param prefix the type's prefix byte
     * @param key the 32 key bytes
     * @return the 56-character public key
     */
    public static String encodePublic(int prefix, byte[] key) {
        byte[] raw = new byte[1 + KEY_LENGTH + 2];
        raw[0] = (byte) prefix;
        System.arraycopy(key, 0, raw, 1, KEY_LENGTH);
        appendCrc(raw);
        return new String(base32(raw));
    }

    /**
     * Encodes a seed; the caller should wipe the returned array when done.
     *
     * @param prefix the type's public-key prefix byte
     * @param seed the 32 seed bytes
     * @return the 58-character seed
     */
    public static char[] encodeSeed(int prefix, byte[] seed) {
        byte[] raw = new byte[2 + KEY_LENGTH + 2];
        raw[0] = (byte) (SEED_PREFIX | prefix >> 5);
        raw[1] = (byte) ((prefix & 31) << 3);
        System.arraycopy(seed, 0, raw, 2, KEY_LENGTH);
        appendCrc(raw);
        char[] text = base32(raw);
        Arrays.fill(raw, (byte) 0);
        return text;
    }

    /**
     * Decodes base32 text and checks its CRC.
     *
     * @param text the key or seed text
     * @param what what the text is, for messages ("seed", "public key")
     * @return prefix byte(s) and key, without the CRC
     * @throws IllegalArgumentException if the text is not base32 or the CRC does not match
     */
    public static byte[] decodeChecked(char[] text, String what) {
        byte[] raw = base32Decode(text, what);
        if (raw.length < 3) {
            throw new IllegalArgumentException(what + " is too short");
        }
        int n = raw.length - 2;
        int expected = (raw[n] & 0xff) | (raw[n + 1] & 0xff) << 8;
        if (crc16(raw, 0, n) != expected) {
            Arrays.fill(raw, (byte) 0);
            throw new IllegalArgumentException(what + " fails its checksum (CRC-16): mistyped or truncated");
        }
        byte[] body = Arrays.copyOf(raw, n);
        Arrays.fill(raw, (byte) 0);
        return body;
    }

    /**
     * CRC-16/XMODEM: polynomial 0x1021, initial value 0, no reflection, no final XOR.
     *
     * @param data the bytes
     * @param off first byte
     * @param len how many bytes
     * @return the CRC, 0..0xFFFF
     */
    public static int crc16(byte[] data, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    /**
     * RFC 4648 base32, upper case, without padding.
     *
     * @param data the bytes
     * @return the text
     */
    public static char[] base32(byte[] data) {
        char[] out = new char[(data.length * 8 + 4) / 5];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[o++] = ALPHABET[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[o++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return out;
    }

    /**
     * Decodes RFC 4648 base32 without padding.
     *
     * @param text the text (upper case)
     * @param what what the text is, for messages
     * @return the bytes
     * @throws IllegalArgumentException on a character outside the alphabet
     */
    public static byte[] base32Decode(char[] text, String what) {
        byte[] out = new byte[text.length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException(what + " has a character outside the base32 alphabet at index " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static void appendCrc(byte[] raw) {
        int n = raw.length - 2;
        int crc = crc16(raw, 0, n);
        raw[n] = (byte) crc;
        raw[n + 1] = (byte) (crc >> 8);
    }
}
