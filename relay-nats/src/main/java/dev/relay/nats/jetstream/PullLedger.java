package dev.relay.nats.jetstream;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The pull requests a continuous consume has open and what each still owes, so a restart after an
 * error asks only for what is not owed already. The server fills open requests oldest first
 * (nats-server 2.9 {@code consumer.nextWaiting} peeks the head of its wait queue), so each delivery
 * is charged to the oldest open request, and a request whose batch or byte budget is used up is done
 * (the server sends no status for that). Pure: the caller passes the clock. Confined to one thread.
 */
final class PullLedger {
    private final ArrayDeque<Open> open = new ArrayDeque<>();
    private long pendingMsgs;
    private long pendingBytes;
    /** Most requests the consumer accepts at once, learnt from a 409 "Exceeded MaxWaiting"; 0 unknown. */
    private int maxOpen;

    /** One open request: its id (the last token of its reply subject), what it still owes, its end. */
    private static final class Open {
        final long id;
        final boolean byteBudget;
        final long expiresAtNanos;
        long msgs;
        long bytes;

        Open(long id, long msgs, long bytes, long expiresAtNanos) {
            this.id = id;
            this.msgs = msgs;
            this.bytes = bytes;
            this.byteBudget = bytes > 0;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    /** A request was sent for {@code msgs} messages and {@code bytes} bytes (0: no byte budget). */
    void opened(long id, long msgs, long bytes, long expiresAtNanos) {
        open.add(new Open(id, msgs, bytes, expiresAtNanos));
        pendingMsgs += msgs;
        pendingBytes += bytes;
    }

    /** A message of {@code wireSize} bytes arrived; the oldest open request paid for it. */
    void delivered(long wireSize) {
        Open head = open.peek();
        if (head == null) {
            return; // owed to a request already forgotten (ended, expired, or before a reconnect)
        }
        head.msgs--;
        pendingMsgs--;
        if (head.byteBudget) {
            long paid = Math.min(head.bytes, wireSize);
            head.bytes -= paid;
            pendingBytes -= paid;
        }
        if (head.msgs <= 0 || head.byteBudget && head.bytes <= 0) {
            remove(head);
            open.poll();
        }
    }

    /**
     * The server ended request {@code id} (404, 408, 409) or refused it.
     *
     * @return whether it was open
     */
    boolean ended(long id) {
        for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.id == id) {
                remove(o);
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The server refused request {@code id} because the others fill the consumer's max_waiting. */
    void refusedAsTooMany(long id) {
        ended(id);
        maxOpen = Math.max(1, open.size());
    }

    /** Forgets every request whose end passed: the server dropped it even if its status got lost. */
    void expire(long nowNanos) {
        open.removeIf(o -> {
            if (nowNanos - o.expiresAtNanos >= 0) {
                remove(o);
                return true;
            }
            return false;
        });
    }

    /** Forgets every request: the server has none any more (the link was lost, or it went silent). */
    void clear() {
        open.clear();
        pendingMsgs = 0;
        pendingBytes = 0;
    }

    /** Whether one more request stays within what the consumer accepts. */
    boolean mayOpen() {
        return maxOpen == 0 || open.size() < maxOpen;
    }

    long pendingMsgs() {
        return pendingMsgs;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    int openRequests() {
        return open.size();
    }

    private void remove(Open o) {
        pendingMsgs -= Math.max(0, o.msgs);
        pendingBytes -= o.byteBudget ? Math.max(0, o.bytes) : 0;
    }
}
