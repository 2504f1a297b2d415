package dev.relay.nats.jetstream;

/** Receives the messages of a JetStream consumer. Called on the consumer's own thread, one at a time. */
@FunctionalInterface
public interface JsMessageHandler {
    /**
     * Handles one message; acknowledge it here (or later) unless the consumer's ack policy is none.
     *
     * @param message the message
     */
    void onMessage(JsMessage message);
}
