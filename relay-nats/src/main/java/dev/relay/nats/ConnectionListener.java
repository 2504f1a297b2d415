package dev.relay.nats;

/**
 * Hears lifecycle events of a connection (connected, disconnected, closed, …). Called on an internal
 * thread: return quickly. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface ConnectionListener {

    /**
     * Called for each lifecycle event.
     *
     * @param event what happened
     */
    void onEvent(ConnectionEvent event);
}
