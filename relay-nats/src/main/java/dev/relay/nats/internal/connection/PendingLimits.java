package dev.relay.nats.internal.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a subscription or a dispatcher holds for delivery, and the bounds on it: messages and payload
 * bytes received but not yet handled. Thread-safe for one adding thread (the I/O thread) and one
 * removing thread at a time (the dispatcher run, or a consumer holding the subscription's lock); the
 * limits may change at any time.
 *
 * <p>Each side counts only what it did (added, removed) and publishes it with a release store, so the
 * hot path takes no atomic read-modify-write: what is pending is added minus removed. A reader on
 * either side sees the other side's latest published count.
 */
final class PendingLimits {
    private final AtomicLong addedMessages = new AtomicLong();
    private final AtomicLong addedBytes = new AtomicLong();
    private final AtomicLong removedMessages = new AtomicLong();
    private final AtomicLong removedBytes = new AtomicLong();
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

    /** Whether one more message of {@code size} bytes stays within both bounds. Adding thread. */
    boolean fits(int size) {
        return messages() < maxMessages && bytes() + size <= maxBytes;
    }

    /**
     * Whether what is pending is back at half the bounds or below: the end of a slow-consumer episode
     * (a single message fitting again is not; it made the listener fire hundreds of times a second).
     */
    boolean belowHalf() {
        return messages() <= maxMessages / 2 && bytes() <= maxBytes / 2;
    }

    /** Counts a message in. Adding thread only. */
    void add(int size) {
        addedBytes.lazySet(addedBytes.get() + size);
        addedMessages.lazySet(addedMessages.get() + 1);
    }

    /**
     * Counts a message out. Removing thread only.
     *
     * @return the messages still pending
     */
    int remove(int size) {
        removedBytes.lazySet(removedBytes.get() + size);
        long removed = removedMessages.get() + 1;
        removedMessages.lazySet(removed);
        return (int) (addedMessages.get() - removed);
    }

    int messages() {
        return (int) (addedMessages.get() - removedMessages.get());
    }

    long bytes() {
        return addedBytes.get() - removedBytes.get();
    }
}
