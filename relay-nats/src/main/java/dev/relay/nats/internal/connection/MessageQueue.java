package dev.relay.nats.internal.connection;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An unbounded intrusive FIFO of {@link RealMessage}s, linked through the messages themselves so that
 * queueing allocates nothing. Many producers (in practice the one I/O thread), one consumer at a time
 * (the caller serialises consumers). Bounds are enforced by the subscriptions' pending limits, not
 * here. Lock-free.
 */
final class MessageQueue {
    private final AtomicReference<RealMessage> tail;
    /** Consumer side: the last message taken (or the stub); its {@code next} is the queue's head. */
    private RealMessage head;

    MessageQueue() {
        RealMessage stub = RealMessage.stub();
        head = stub;
        tail = new AtomicReference<>(stub);
    }

    /**
     * Appends a message.
     *
     * @param m a message not in any queue
     */
    void push(RealMessage m) {
        m.next = null;
        pushAll(m, m);
    }

    /**
     * Appends a chain of messages already linked through {@code next}, in one step.
     *
     * @param first the chain's first message
     * @param last its last message, whose {@code next} is null
     */
    void pushAll(RealMessage first, RealMessage last) {
        RealMessage prev = tail.getAndSet(last);
        prev.next = first;
    }

    /**
     * Takes the oldest message. Consumer only.
     *
     * @return the message, or null if none is visible yet
     */
    RealMessage poll() {
        RealMessage n = head.next;
        if (n == null) {
            return null;
        }
        head.next = null;
        head = n;
        return n;
    }

    /**
     * Whether a message is waiting. Consumer only.
     *
     * @return true if {@link #poll()} would find one
     */
    boolean hasNext() {
        return head.next != null;
    }
}
