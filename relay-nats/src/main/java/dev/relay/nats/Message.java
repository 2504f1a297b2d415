package dev.relay.nats;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A message received from NATS. Immutable and safe to hand to other threads once delivered.
 *
 * <pre>{@code
 * nc.subscribe("svc.echo", msg -> msg.respond(msg.data()));
 * }</pre>
 */
public interface Message {

    /**
     * The subject the message was published to.
     *
     * @return the subject
     */
    String subject();

    /**
     * The reply subject the publisher asked answers to go to.
     *
     * @return the reply subject, or empty when the publisher gave none
     */
    Optional<String> replyTo();

    /**
     * The payload. The array is the message's own copy; do not modify it if other code reads it too.
     *
     * @return the payload bytes, possibly empty, never null
     */
    byte[] data();

    /**
     * The payload decoded as UTF-8.
     *
     * @return the payload as text
     */
    default String dataAsString() {
        return new String(data(), StandardCharsets.UTF_8);
    }

    /**
     * The headers; empty when the message had none.
     *
     * @return the headers, never null
     */
    Headers headers();

    /**
     * Whether the message was sent with headers (HMSG).
     *
     * @return true if headers (or a status line) came with it
     */
    boolean hasHeaders();

    /**
     * The header block exactly as it was received ({@code NATS/1.0} line included), for headers that a
     * strict reader would refuse: a publisher may send lines that {@link #headers()} leaves out.
     *
     * @return a copy of the raw block; empty when the message has no headers or was built locally
     */
    default byte[] rawHeaders() {
        return new byte[0];
    }

    /**
     * What was wrong with the received header block, when anything was: the message is still delivered,
     * {@link #headers()} holds the lines that could be read, and {@link #rawHeaders()} holds all of it.
     *
     * @return the first problem found, with an escaped excerpt; empty for well-formed headers
     */
    default Optional<String> headersProblem() {
        return Optional.empty();
    }

    /**
     * The status code of the headers' status line (503 no responders, 408 timeout, 100 heartbeat), or 0.
     *
     * @return the status code, or 0
     */
    default int status() {
        return headers().status();
    }

    /**
     * The subscription that received the message.
     *
     * @return the subscription
     */
    Subscription subscription();

    /**
     * Publishes a reply to this message's reply subject on the connection that received it.
     *
     * @param data the reply payload
     * @throws IllegalStateException if the message has no reply subject
     * @throws ConnectionClosedException if the connection is closed
     */
    void respond(byte[] data);

    /**
     * Publishes a UTF-8 text reply to this message's reply subject.
     *
     * @param data the reply text
     * @throws IllegalStateException if the message has no reply subject
     */
    default void respond(String data) {
        respond(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes a reply with headers to this message's reply subject.
     *
     * @param headers headers of the reply
     * @param data the reply payload
     * @throws IllegalStateException if the message has no reply subject
     */
    void respond(Headers headers, byte[] data);
}
