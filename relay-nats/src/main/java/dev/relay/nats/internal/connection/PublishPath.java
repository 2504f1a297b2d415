package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Headers;
import dev.relay.nats.NatsException;
import dev.relay.nats.PayloadTooLargeException;
import dev.relay.nats.Publisher;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.internal.protocol.HeadersCodec;
import dev.relay.nats.internal.protocol.ProtocolEncoder;
import dev.relay.nats.internal.protocol.Subjects;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The publish path of one connection: argument checks (subject, reply subject, payload against the
 * server's {@code max_payload}, header support), the cache of a repeated subject's bytes, header
 * encoding, and the encoding of PUB/HPUB into the {@link OutboundBuffer} on the caller's thread, or into
 * the caller's open {@link PublishBatch}. How long a publisher may wait for room is decided here: the
 * I/O thread never waits. Thread-safe; the batch state is per thread.
 */
final class PublishPath {
    private final OutboundBuffer outbound;
    private final long publishWaitNanos;
    private final BooleanSupplier inIoThread;
    private volatile long maxPayload = 1024 * 1024;
    private volatile boolean headersSupported = true;
    /** The application's own limit below the server's (0: none), and whether it turned headers off. */
    private final long ownMaxPayload;
    private final boolean headersOn;
    /** Batches open on this connection, so publishes look for their thread's batch only while any is. */
    private final AtomicInteger openBatches = new AtomicInteger();
    private final ThreadLocal<PublishBatch> openBatch = new ThreadLocal<>();
    /** A finished batch's buffer, kept for the thread's next batch. */
    private static final ThreadLocal<PublishBatch> SPARE_BATCH = new ThreadLocal<>();

    PublishPath(OutboundBuffer outbound, long publishWaitNanos, BooleanSupplier inIoThread, long ownMaxPayload,
                boolean headersOn) {
        this.ownMaxPayload = ownMaxPayload;
        this.headersOn = headersOn;
        this.headersSupported = headersOn;
        if (ownMaxPayload > 0 && ownMaxPayload < maxPayload) {
            this.maxPayload = ownMaxPayload;
        }
        this.outbound = outbound;
        this.publishWaitNanos = publishWaitNanos;
        this.inIoThread = inIoThread;
    }

    /** The server's limits, from its INFO. */
    void serverInfo(ServerInfo info) {
        maxPayload = ownMaxPayload > 0 && ownMaxPayload < info.maxPayload() ? ownMaxPayload : info.maxPayload();
        headersSupported = info.headers() && headersOn;
    }

    /**
     * Publishes; with {@code writeThrough} the bytes go to the socket from this thread when the I/O side
     * is idle (see {@link OutboundBuffer#end(int, long, boolean)}), for a caller about to block on the answer.
     */
    void publish(String subject, String replyTo, Headers headers, byte[] data, boolean writeThrough) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null (use an empty array)");
        }
        byte[] subjectBytes = checkedSubject(subject);
        if (replyTo != null) {
            Subjects.checkPublish(replyTo, "replyTo");
        }
        byte[] hdr = encodeHeaders(headers);
        int hlen = hdr == null ? 0 : hdr.length;
        checkPayload(subject, hlen + (long) data.length);
        if (openBatches.get() != 0) {
            PublishBatch b = openBatch.get();
            if (b != null) {
                // Hand over what is there before adding, so that a hand-over that fails fails this publish
                // (not yet accepted) and keeps the earlier ones for the next try.
                if (b.full()) {
                    b.handOver(outbound, waitNanos());
                }
                b.add(subjectBytes, subject, replyTo, hdr, data);
                return;
            }
        }
        ByteBuffer out = outbound.begin(ProtocolEncoder.publishBound(subject, replyTo, hlen, data.length), waitNanos());
        int mark = out.position();
        int count = 0;
        try {
            if (subjectBytes != null) {
                ProtocolEncoder.publish(out, subjectBytes, replyTo, hdr, data, 0, data.length);
            } else {
                ProtocolEncoder.publish(out, subject, replyTo, hdr, data, 0, data.length);
            }
            count = 1;
        } finally {
            if (count == 0) {
                out.position(mark);
            }
            outbound.end(count, count == 0 ? 0 : hlen + data.length, writeThrough);
        }
    }

    /** Publishes the buffer's remaining bytes without moving its position. */
    void publish(String subject, ByteBuffer data) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null");
        }
        Subjects.checkPublish(subject, "subject");
        handOverOpenBatch();
        int len = data.remaining();
        checkPayload(subject, len);
        ByteBuffer out = outbound.begin(ProtocolEncoder.publishBound(subject, null, 0, len), waitNanos());
        int mark = out.position();
        int count = 0;
        try {
            ProtocolEncoder.publish(out, subject, null, null, data);
            count = 1;
        } finally {
            if (count == 0) {
                out.position(mark);
            }
            outbound.end(count, count == 0 ? 0 : len);
        }
    }

    /** Runs a batch body on this thread; its publishes go through {@code publisher} into a {@link PublishBatch}. */
    void batch(java.util.function.Consumer<Publisher> body, Publisher batchPublisher) {
        Objects.requireNonNull(body, "body");
        if (outbound.isClosed()) {
            throw new ConnectionClosedException("connection is closed");
        }
        if (openBatch.get() != null) {
            // nested on the same thread: one batch
            body.accept(batchPublisher);
            return;
        }
        PublishBatch b = SPARE_BATCH.get();
        SPARE_BATCH.remove();
        if (b == null) {
            b = new PublishBatch();
        }
        openBatch.set(b);
        openBatches.incrementAndGet();
        boolean bodyDone = false;
        try {
            body.accept(batchPublisher);
            bodyDone = true;
        } finally {
            openBatches.decrementAndGet();
            openBatch.remove();
            int unsent = b.messages();
            try {
                b.handOver(outbound, waitNanos());
            } catch (RuntimeException e) {
                if (bodyDone) {
                    // the last messages of the batch could not be handed over: say how many, and why
                    throw new dev.relay.nats.NatsException("the last " + unsent + " message(s) of the batch were not "
                        + "sent: " + e.getMessage(), e);
                }
                // the body's own exception says more; keep it
            }
            b.discard();
            SPARE_BATCH.set(b);
        }
    }

    /**
     * Hands the calling thread's open batch over before an operation that must come after it on the
     * wire (a PING, SUB, UNSUB or a blocking request made inside the batch body).
     */
    void handOverOpenBatch() {
        if (openBatches.get() != 0) {
            PublishBatch b = openBatch.get();
            if (b != null) {
                b.handOver(outbound, waitNanos());
            }
        }
    }

    /** A published subject already checked, with its UTF-8 bytes. Immutable, so safe to share racily. */
    private static final class CheckedSubject {
        final String subject;
        final byte[] bytes;

        CheckedSubject(String subject) {
            this.subject = subject;
            this.bytes = subject.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The last subject checked and encoded; read and replaced without locking (final fields). */
    private CheckedSubject lastChecked;
    /** The subject seen before: a subject becomes cached when it comes twice in a row. */
    private String previousSubject;

    /**
     * Checks a subject to publish to. A subject that repeats (the usual publishing loop) is checked
     * and encoded once and then served as bytes; a new one is checked each time and encoded by the
     * caller, so varying subjects allocate nothing here either.
     *
     * @return the subject's bytes when cached, else null
     * @throws dev.relay.nats.InvalidSubjectException if the subject breaks the rules
     */
    private byte[] checkedSubject(String subject) {
        CheckedSubject c = lastChecked;
        if (c != null && (c.subject == subject || c.subject.equals(subject))) {
            return c.bytes;
        }
        Subjects.checkPublish(subject, "subject");
        String previous = previousSubject;
        previousSubject = subject;
        if (previous != null && previous.equals(subject)) {
            c = new CheckedSubject(subject);
            lastChecked = c;
            return c.bytes;
        }
        return null;
    }

    /**
     * How long a writer may wait for outbound room: the I/O thread (inline handlers, control frames)
     * never waits, since only it can make room; it grows the buffer past the bound instead.
     */
    private long waitNanos() {
        return inIoThread.getAsBoolean() ? -1 : publishWaitNanos;
    }

    private byte[] encodeHeaders(Headers headers) {
        if (headers == null || (headers.isEmpty() && !headers.hasStatus())) {
            return null;
        }
        if (!headersSupported) {
            throw new NatsException(headersOn ? "the server does not support headers (INFO headers=false)"
                : "headers are turned off for this connection (Options.Builder.noHeaders)");
        }
        return HeadersCodec.encode(headers);
    }

    private void checkPayload(String subject, long size) {
        long max = maxPayload;
        if (size > max) {
            throw new PayloadTooLargeException("message to '" + subject + "' is " + size
                + " bytes (headers included), over " + (max == ownMaxPayload ? "Options.maxPayload" : "the server's max_payload")
                + " of " + max + " bytes");
        }
    }
}
