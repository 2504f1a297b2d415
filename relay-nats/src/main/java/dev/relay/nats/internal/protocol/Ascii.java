package dev.relay.nats.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small ASCII helpers for the wire: decimal numbers written and read without {@code String}, strings
 * written as UTF-8 straight into a buffer, and printable excerpts of bad bytes. Stateless.
 */
public final class Ascii {
    private Ascii() {
    }

    /**
     * Number of decimal digits of a non-negative number.
     *
     * @param v a value, at least 0
     * @return its digit count
     */
    public static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    /**
     * Writes a non-negative number as ASCII digits at the buffer's position.
     *
     * @param out the buffer
     * @param v the value, at least 0
     */
    public static void putDecimal(ByteBuffer out, long v) {
        int n = digits(v);
        int pos = out.position();
        for (int i = pos + n - 1; i >= pos; i--) {
            out.put(i, (byte) ('0' + (v % 10)));
            v /= 10;
        }
        out.position(pos + n);
    }

    /**
     * The bytes as big-endian eight-byte words, for {@link #equalsAt}; a tail shorter than eight bytes
     * is left out.
     *
     * @param b the bytes
     * @return {@code b.length / 8} words
     */
    public static long[] words(byte[] b) {
        long[] w = new long[b.length / Long.BYTES];
        for (int k = 0; k < w.length; k++) {
            long v = 0;
            for (int j = 0; j < Long.BYTES; j++) {
                v = (v << 8) | (b[k * Long.BYTES + j] & 0xFF);
            }
            w[k] = v;
        }
        return w;
    }

    /**
     * Whether the buffer holds exactly {@code b} at {@code off}, compared eight bytes at a time (plain
     * reads and a byte swap, fast in every JIT tier, not only once fully compiled).
     *
     * @param buf the buffer (absolute indexes; position and limit untouched)
     * @param off where to compare
     * @param b the expected bytes; the buffer must have {@code b.length} bytes at {@code off}
     * @param words {@link #words}{@code (b)}
     * @return true if equal
     */
    public static boolean equalsAt(ByteBuffer buf, int off, byte[] b, long[] words) {
        boolean big = buf.order() == ByteOrder.BIG_ENDIAN;
        int i = 0;
        for (long w : words) {
            long v = buf.getLong(off + i);
            if ((big ? v : Long.reverseBytes(v)) != w) {
                return false;
            }
            i += Long.BYTES;
        }
        for (; i < b.length; i++) {
            if (buf.get(off + i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Upper bound of the UTF-8 length of a string (3 bytes a char).
     *
     * @param s the string
     * @return a bound on its encoded length
     */
    public static int maxUtf8(String s) {
        return s.length() * 3;
    }

    /**
     * Exact length of what {@link #putUtf8} writes for a string: an unpaired surrogate counts as the one
     * '?' byte it is written as, as {@code String.getBytes(UTF_8)} does.
     *
     * @param s the string
     * @return its UTF-8 length in bytes
     */
    public static int utf8Length(String s) {
        int n = s.length();
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                len++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    /**
     * Writes a string as UTF-8 at the buffer's position; ASCII goes byte by byte without allocating.
     * The buffer must have {@link #maxUtf8(String)} bytes of room.
     *
     * @param out the buffer
     * @param s the string
     */
    public static void putUtf8(ByteBuffer out, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xc0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xf0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                out.put((byte) (0x80 | (cp & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xe0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3f)));
                out.put((byte) (0x80 | (c & 0x3f)));
            }
        }
    }

    /**
     * A printable excerpt of bytes: printable ASCII as is, {@code \r \n \t}, others as {@code \xNN}.
     *
     * @param buf the bytes
     * @param from first index (absolute)
     * @param to end index (absolute, exclusive)
     * @param max at most this many bytes are shown
     * @return the escaped excerpt
     */
    public static String excerpt(ByteBuffer buf, int from, int to, int max) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(to, from + max);
        for (int i = from; i < end; i++) {
            int c = buf.get(i) & 0xff;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        b.append((char) c);
                    } else {
                        b.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        if (to > end) {
            b.append("...");
        }
        return b.toString();
    }
}
