package dev.relay.nats.jetstream;

import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message read directly from a stream by sequence or as the last of a subject. Immutable apart from
 * the arrays it hands out (copies are not made).
 *
 * @param stream the stream it was read from
 * @param subject the subject it was published to
 * @param sequence its sequence in the stream
 * @param time when the stream stored it
 * @param headers its headers (empty if none)
 * @param data its payload
 */
public record StoredMessage(String stream, String subject, long sequence, Instant time, Headers headers, byte[] data) {
    /**
     * The payload decoded as UTF-8.
     *
     * @return the text
     */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
