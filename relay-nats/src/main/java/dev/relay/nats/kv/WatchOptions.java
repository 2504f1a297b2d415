package dev.relay.nats.kv;

/**
 * How a Key-Value watch starts and what it hands over. Immutable.
 *
 * <p>By default a watch first delivers the latest revision of every matching key (deletes included),
 * signals that the initial values are done, then every change.
 *
 * @param includeHistory deliver every stored revision first, not only the latest per key
 * @param updatesOnly deliver only changes made after the watch started (no initial values)
 * @param ignoreDeletes skip delete and purge markers
 * @param metaOnly deliver entries without their values (the server sends headers only)
 */
public record WatchOptions(boolean includeHistory, boolean updatesOnly, boolean ignoreDeletes, boolean metaOnly) {
    /** Latest value of every key, then the changes, deletes included. */
    public static final WatchOptions DEFAULTS = new WatchOptions(false, false, false, false);

    /** Rejects combining history with updates only, which contradict each other. */
    public WatchOptions {
        if (includeHistory && updatesOnly) {
            throw new IllegalArgumentException("includeHistory and updatesOnly: choose one, a watch cannot start both "
                + "at the oldest revision and after the newest");
        }
    }

    /**
     * Returns a copy that also delivers the whole history first.
     *
     * @return a copy that also delivers the whole history first
     */
    public WatchOptions withIncludeHistory() {
        return new WatchOptions(true, updatesOnly, ignoreDeletes, metaOnly);
    }

    /**
     * Returns a copy that delivers only changes made after the watch starts.
     *
     * @return a copy that delivers only changes made after the watch starts
     */
    public WatchOptions withUpdatesOnly() {
        return new WatchOptions(includeHistory, true, ignoreDeletes, metaOnly);
    }

    /**
     * Returns a copy that skips delete and purge markers.
     *
     * @return a copy that skips delete and purge markers
     */
    public WatchOptions withIgnoreDeletes() {
        return new WatchOptions(includeHistory, updatesOnly, true, metaOnly);
    }

    /**
     * Returns a copy that delivers entries without values.
     *
     * @return a copy that delivers entries without values
     */
    public WatchOptions withMetaOnly() {
        return new WatchOptions(includeHistory, updatesOnly, ignoreDeletes, true);
    }
}
