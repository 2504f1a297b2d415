package dev.relay.nats.kv;

/**
 * Receives what a Key-Value watch sees, on the watch's own thread, one call at a time and in revision
 * order. An exception thrown here is logged and the watch goes on.
 */
@FunctionalInterface
public interface KeyValueWatchHandler {
    /**
     * One entry (a put, or a delete or purge marker unless the watch ignores them).
     *
     * @param entry the entry
     */
    void onEntry(KeyValueEntry entry);

    /**
     * Called once, when every value that existed as the watch started was delivered (at once when there
     * was none, or when the watch asked for updates only). Does nothing by default.
     */
    default void onInitialValuesDone() {
    }
}
