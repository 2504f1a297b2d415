package dev.relay.nats.objectstore;

/**
 * Receives what an object store watch sees, on the watch's own thread, one call at a time, in order. An
 * exception thrown here is logged and the watch goes on.
 */
@FunctionalInterface
public interface ObjectWatchHandler {
    /**
     * An object's info changed (put, meta update, link, delete).
     *
     * @param info the new info
     */
    void onInfo(ObjectInfo info);

    /** Called once, when the infos that existed as the watch started were delivered. Does nothing by default. */
    default void onInitialValuesDone() {
    }
}
