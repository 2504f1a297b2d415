package dev.relay.nats.internal.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a subscription or a dispatcher holds for delivery, and the bounds on it: messages and payload
 * bytes received but not yet handled. The I/O thread adds, the delivering thread removes; the limits
 * may change at any time. Thread-safe.
 */
final class PendingLimits {
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile int maxMessages;
    private volatile long maxBytes;

    PendingLimits(int maxMessages, long maxBytes) {
        set(maxMessages, maxBytes);
    }

    /** Changes the bounds; checked as the public {@code pendingLimits} methods promise. */
    void set(int maxMessages, long maxBytes) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("pendingLimits: both limits must be at least 1, got "
                + maxMessages + " messages, " + maxBytes + " bytes");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Whether one more message of {@code size} bytes stays within both bounds. */
    boolean fits(int size) {
        return messages.get() < maxMessages && bytes.get() + size <= maxBytes;
    }

    /** Counts a message in. */
    void add(int size) {
        messages.incrementAndGet();
        bytes.addAndGet(size);
    }

    /**
     * Counts a message out.
     *
     * @return the messages still pending
     */
    int remove(int size) {
        bytes.addAndGet(-size);
        return messages.decrementAndGet();
    }

    int messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }
}
