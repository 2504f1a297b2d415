package dev.relay.nats;

import java.nio.charset.StandardCharsets;

/**
 * Publishes inside {@link Connection#batch}: every message goes into the outbound buffer under one lock
 * and the I/O thread is woken once, when the batch ends. Valid only during the batch, on its thread.
 */
public interface Publisher {

    /**
     * Publishes a message; same rules and exceptions as {@link Connection#publish(String, byte[])}.
     *
     * @param subject subject to publish to
     * @param data payload
     */
    void publish(String subject, byte[] data);

    /**
     * Publishes a UTF-8 text message.
     *
     * @param subject subject to publish to
     * @param data payload text
     */
    default void publish(String subject, String data) {
        publish(subject, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes with a reply subject and headers; same rules as
     * {@link Connection#publish(String, String, Headers, byte[])}.
     *
     * @param subject subject to publish to
     * @param replyTo reply subject, or null
     * @param headers headers, or null
     * @param data payload
     */
    void publish(String subject, String replyTo, Headers headers, byte[] data);
}
