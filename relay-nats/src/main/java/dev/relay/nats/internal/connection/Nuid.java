package dev.relay.nats.internal.connection;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique identifiers for inboxes: a random 12-character prefix chosen once per process and a
 * 10-character base-62 counter that starts at a random value. Thread-safe and lock-free.
 */
public final class Nuid {
    private static final char[] DIGITS =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int PREFIX_LEN = 12;
    private static final int SEQ_LEN = 10;
    private static final long SEQ_MAX = 839_299_365_868_340_224L; // 62^10
    private static final String PREFIX;
    private static final AtomicLong SEQ;

    static {
        SecureRandom r = new SecureRandom();
        char[] p = new char[PREFIX_LEN];
        for (int i = 0; i < PREFIX_LEN; i++) {
            p[i] = DIGITS[r.nextInt(DIGITS.length)];
        }
        PREFIX = new String(p);
        SEQ = new AtomicLong(Math.floorMod(r.nextLong(), SEQ_MAX / 2));
    }

    private Nuid() {
    }

    /**
     * The next identifier: 22 characters of {@code [0-9A-Za-z]}.
     *
     * @return a new unique id
     */
    public static String next() {
        long seq = Math.floorMod(SEQ.getAndIncrement(), SEQ_MAX);
        char[] out = new char[PREFIX_LEN + SEQ_LEN];
        PREFIX.getChars(0, PREFIX_LEN, out, 0);
        appendBase62(out, PREFIX_LEN, SEQ_LEN, seq);
        return new String(out);
    }

    /**
     * Writes {@code v} in base 62 into {@code out[from .. from+len)}, zero-padded on the left.
     *
     * @param out destination
     * @param from first index
     * @param len number of digits
     * @param v a non-negative value
     */
    public static void appendBase62(char[] out, int from, int len, long v) {
        for (int i = from + len - 1; i >= from; i--) {
            out[i] = DIGITS[(int) (v % 62)];
            v /= 62;
        }
    }
}
