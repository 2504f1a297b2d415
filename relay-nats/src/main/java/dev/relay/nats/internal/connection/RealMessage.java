package dev.relay.nats.internal.connection;

import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A received message: subject, optional reply subject and headers, the payload copied once out of the
 * read buffer. Also the link of the queue that holds it until delivery ({@link MessageQueue}).
 * Immutable once queued (but for the link).
 */
final class RealMessage implements Message {
    private static final byte[] EMPTY = new byte[0];

    private final String subject;
    private final String replyTo;
    private final Headers headers;
    private final byte[] data;
    /** The header block as received, or null without headers. */
    private final byte[] rawHeaders;
    /** What was wrong with the header block, or null. */
    private final String headersProblem;
    private final RealSubscription sub;
    /** Link to the next message of the queue that holds this one. */
    volatile RealMessage next;

    RealMessage(String subject, String replyTo, Headers headers, byte[] data, RealSubscription sub) {
        this(subject, replyTo, headers, null, null, data, sub);
    }

    RealMessage(String subject, String replyTo, Headers headers, byte[] rawHeaders, String headersProblem,
                byte[] data, RealSubscription sub) {
        this.subject = subject;
        this.replyTo = replyTo;
        this.headers = headers;
        this.rawHeaders = rawHeaders;
        this.headersProblem = headersProblem;
        this.data = data;
        this.sub = sub;
    }

    static RealMessage stub() {
        return new RealMessage("", null, null, EMPTY, null);
    }

    /** Payload plus header bytes, as counted against pending limits. */
    int size() {
        return rawHeaders == null ? data.length : data.length + rawHeaders.length;
    }

    RealSubscription realSubscription() {
        return sub;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public Optional<String> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** The reply subject or null, for internal callers. */
    String replyToOrNull() {
        return replyTo;
    }

    @Override
    public byte[] data() {
        return data;
    }

    @Override
    public Headers headers() {
        return headers == null ? new Headers() : headers;
    }

    @Override
    public boolean hasHeaders() {
        return headers != null;
    }

    @Override
    public byte[] rawHeaders() {
        return rawHeaders == null ? EMPTY : rawHeaders.clone();
    }

    @Override
    public Optional<String> headersProblem() {
        return Optional.ofNullable(headersProblem);
    }

    @Override
    public Subscription subscription() {
        return sub;
    }

    @Override
    public void respond(byte[] reply) {
        respond(null, reply);
    }

    @Override
    public void respond(Headers replyHeaders, byte[] reply) {
        if (replyTo == null) {
            throw new IllegalStateException("message on '" + subject + "' has no reply subject to respond to");
        }
        sub.connection().publish(replyTo, null, replyHeaders, reply);
    }

    @Override
    public String toString() {
        return "Message{subject=" + subject + (replyTo == null ? "" : ", replyTo=" + replyTo)
            + (headers == null ? "" : ", headers=" + headers) + ", " + data.length + " bytes: "
            + new String(data, 0, Math.min(64, data.length), StandardCharsets.UTF_8) + "}";
    }
}
