package dev.relay.nats.jetstream;

/**
 * What the account uses of JetStream and what it may use. Immutable.
 *
 * @param memory bytes of memory storage in use
 * @param storage bytes of file storage in use
 * @param streams number of streams
 * @param consumers number of consumers
 * @param domain the JetStream domain, or ""
 * @param limits the account's limits
 * @param api API call counters
 */
public record AccountInfo(long memory, long storage, long streams, long consumers, String domain, Limits limits,
                          ApiStats api) {

    /**
     * The account's JetStream limits; -1 means unlimited.
     *
     * @param maxMemory most memory storage in bytes
     * @param maxStorage most file storage in bytes
     * @param maxStreams most streams
     * @param maxConsumers most consumers
     * @param maxAckPending most pending acks per consumer
     * @param memoryMaxStreamBytes most bytes of one memory stream
     * @param storageMaxStreamBytes most bytes of one file stream
     * @param maxBytesRequired whether streams must set max bytes
     */
    public record Limits(long maxMemory, long maxStorage, long maxStreams, long maxConsumers, long maxAckPending,
                         long memoryMaxStreamBytes, long storageMaxStreamBytes, boolean maxBytesRequired) {
    }

    /**
     * Counters of JetStream API calls of the account.
     *
     * @param total calls
     * @param errors calls that failed
     */
    public record ApiStats(long total, long errors) {
    }
}
