package dev.relay.nats.jetstream;

/**
 * The stream's confirmation that it stored a published message. Immutable.
 *
 * @param stream the stream that stored it
 * @param sequence its sequence in the stream
 * @param duplicate whether it was a duplicate (same message id within the window) and not stored again
 * @param domain the JetStream domain, or ""
 */
public record PublishAck(String stream, long sequence, boolean duplicate, String domain) {
}
