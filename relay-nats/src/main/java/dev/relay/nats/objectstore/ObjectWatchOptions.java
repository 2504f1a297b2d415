package dev.relay.nats.objectstore;

/**
 * How an object store watch starts and what it hands over. Immutable. By default it first delivers the
 * latest info of every object (deleted ones included), signals that the initial values are done, then
 * every change.
 *
 * @param includeHistory deliver every stored meta revision first, not only the latest per object
 * @param updatesOnly deliver only changes made after the watch started
 * @param ignoreDeletes skip deleted objects
 */
public record ObjectWatchOptions(boolean includeHistory, boolean updatesOnly, boolean ignoreDeletes) {
    /** Latest info of every object, then the changes, deletes included. */
    public static final ObjectWatchOptions DEFAULTS = new ObjectWatchOptions(false, false, false);

    /** Rejects combining history with updates only. */
    public ObjectWatchOptions {
        if (includeHistory && updatesOnly) {
            throw new IllegalArgumentException("includeHistory and updatesOnly: choose one");
        }
    }

    /**
     * Returns a copy that also delivers the history first.
     *
     * @return a copy that also delivers the history first
     */
    public ObjectWatchOptions withIncludeHistory() {
        return new ObjectWatchOptions(true, updatesOnly, ignoreDeletes);
    }

    /**
     * Returns a copy that delivers only changes made after the watch starts.
     *
     * @return a copy that delivers only changes made after the watch starts
     */
    public ObjectWatchOptions withUpdatesOnly() {
        return new ObjectWatchOptions(includeHistory, true, ignoreDeletes);
    }

    /**
     * Returns a copy that skips deleted objects.
     *
     * @return a copy that skips deleted objects
     */
    public ObjectWatchOptions withIgnoreDeletes() {
        return new ObjectWatchOptions(includeHistory, updatesOnly, true);
    }
}
