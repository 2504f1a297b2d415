package dev.relay.cli.bench;

/**
 * The outcome of the scale case: many connections from one JVM, each with one subscription, all
 * receiving the same messages; what it took in time, threads and heap. Immutable; thread-safe.
 *
 * @param connections connections opened (each with one subscription)
 * @param messagesEach messages each connection received
 * @param connect time to open every connection and have its subscription confirmed by the server
 * @param deliver time from the first publish until every connection had every message
 * @param before census before the first connection
 * @param after census with every connection open, after a full GC
 */
public record ScaleResult(int connections, int messagesEach, Timing connect, Timing deliver,
                          JvmCensus before, JvmCensus after) {

    /**
     * Threads the client started for its connections.
     *
     * @return threads alive now minus threads alive before connecting
     */
    public int threadsAdded() {
        return after.threads() - before.threads();
    }

    /**
     * Heap the connections hold.
     *
     * @return bytes of used heap after GC minus before, divided by the connections
     */
    public long heapBytesPerConnection() {
        return (after.heapUsedBytes() - before.heapUsedBytes()) / connections;
    }
}
