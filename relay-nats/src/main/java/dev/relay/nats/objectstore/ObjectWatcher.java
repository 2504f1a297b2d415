package dev.relay.nats.objectstore;

/** A running object store watch; closing it stops the deliveries. Thread-safe. */
public interface ObjectWatcher extends AutoCloseable {
    /**
     * Tells whether the infos that existed as the watch started were all delivered.
     *
     * @return whether the infos that existed as the watch started were all delivered
     */
    boolean isInitialValuesDone();

    /** Stops the watch; blocks until the handler is not running (unless called from it), at most a few seconds. */
    @Override
    void close();
}
