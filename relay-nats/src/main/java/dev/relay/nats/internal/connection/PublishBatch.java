package dev.relay.nats.internal.connection;

import dev.relay.nats.internal.protocol.ProtocolEncoder;
import java.nio.ByteBuffer;

/**
 * The publishes of one {@code Connection.batch} body, encoded on the calling thread into a buffer of its
 * own and handed to the {@link OutboundBuffer} in one piece at the end (and every {@value #HAND_OVER_AT}
 * bytes). The body therefore runs without the outbound lock, which the I/O thread needs for PONGs,
 * PINGs and its writes: a slow body cannot stall an event loop that other connections share, and
 * {@code flush} or {@code request} inside the body work. Confined to the thread that opened the batch.
 */
final class PublishBatch {
    /** Hand over at least this often, so a long batch neither grows without bound nor waits too long. */
    static final int HAND_OVER_AT = 64 * 1024;

    private ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    private int messages;
    private long payloadBytes;

    /**
     * Empties the batch: after a hand-over, or when the batch ended and said what it could not send. A
     * buffer one huge message grew is let go, so a thread keeps no more than it usually needs.
     */
    void discard() {
        buf.clear();
        messages = 0;
        payloadBytes = 0;
        if (buf.capacity() > 4 * HAND_OVER_AT) {
            buf = ByteBuffer.allocate(16 * 1024);
        }
    }

    /**
     * Whether the batch holds enough to be handed over before more is added.
     *
     * @return true at {@value #HAND_OVER_AT} bytes or more
     */
    boolean full() {
        return buf.position() >= HAND_OVER_AT;
    }

    /**
     * Messages encoded and not yet handed over.
     *
     * @return the count
     */
    int messages() {
        return messages;
    }

    /**
     * Encodes one publish; its arguments were checked already.
     *
     * @param subjectBytes the subject's bytes when cached, else null
     * @return whether the batch should be handed over now
     */
    boolean add(byte[] subjectBytes, String subject, String replyTo, byte[] headers, byte[] data) {
        int hlen = headers == null ? 0 : headers.length;
        int bound = ProtocolEncoder.publishBound(subject, replyTo, hlen, data.length);
        if (buf.remaining() < bound) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bound));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        if (subjectBytes != null) {
            ProtocolEncoder.publish(buf, subjectBytes, replyTo, headers, data, 0, data.length);
        } else {
            ProtocolEncoder.publish(buf, subject, replyTo, headers, data, 0, data.length);
        }
        messages++;
        payloadBytes += hlen + data.length;
        return buf.position() >= HAND_OVER_AT;
    }

    /**
     * Hands what was encoded so far to the outbound buffer, in order, under one lock.
     *
     * @param out the connection's outbound buffer
     * @param waitNanos how long to wait for room there
     */
    void handOver(OutboundBuffer out, long waitNanos) {
        if (buf.position() == 0) {
            return;
        }
        // Take room first: if there is none (outbound full, reconnect buffer full, closed) the batch keeps
        // what it holds, so nothing whose publish returned is lost, and the next hand-over tries again.
        ByteBuffer o = out.begin(buf.position(), waitNanos);
        try {
            buf.flip();
            o.put(buf);
        } finally {
            out.end(messages, payloadBytes);
            discard();
        }
    }
}
