package dev.relay.nats.kv;

/**
 * A running Key-Value watch; closing it stops the deliveries and deletes the consumer underneath.
 * Thread-safe.
 */
public interface KeyWatcher extends AutoCloseable {
    /**
     * Whether every value that existed as the watch started was delivered.
     *
     * @return true after {@link KeyValueWatchHandler#onInitialValuesDone()} was called
     */
    boolean isInitialValuesDone();

    /**
     * Stops the watch. Blocks until the handler is not running (unless called from the handler itself),
     * at most about a second.
     */
    @Override
    void close();
}
