package dev.relay.nats;

/**
 * Receives messages of an asynchronous subscription, on the thread of its {@link Dispatcher} (one
 * message at a time per dispatcher). An exception thrown here is reported to the
 * {@link ErrorListener} and delivery goes on.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     *
     * @param message the message received
     */
    void onMessage(Message message);
}
