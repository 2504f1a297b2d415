package dev.relay.nats.objectstore;

import java.io.InputStream;

/**
 * A deterministic pseudo-random byte stream of a given length that is generated as it is read, so a test
 * can put and compare objects far larger than its heap. Not thread-safe.
 */
final class PatternStream extends InputStream {
    private final long length;
    private long position;
    private long state;

    PatternStream(long length, long seed) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    private byte nextByte() {
        if ((position & 7) == 0) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
        }
        return (byte) (state >>> ((position & 7) * 8));
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        byte b = nextByte();
        position++;
        return b & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = nextByte();
            position++;
        }
        return n;
    }
}
