package dev.relay.nats.kv;

import dev.relay.nats.jetstream.JetStream;
import java.util.List;

/**
 * Creates, changes, lists and deletes Key-Value buckets. Thread-safe; each call blocks for one or a few
 * JetStream API requests.
 *
 * <pre>{@code
 * KeyValueManagement kvm = KeyValueManagement.of(js);
 * KeyValue kv = kvm.create(KeyValueConfig.builder("config").history(5).build());
 * }</pre>
 */
public interface KeyValueManagement {

    /**
     * Management on a JetStream context.
     *
     * @param js the context
     * @return the management
     */
    static KeyValueManagement of(JetStream js) {
        return new RealKeyValueManagement(js);
    }

    /**
     * Creates a bucket (or returns the existing one if its settings are the same).
     *
     * @param config the settings
     * @return the bucket
     * @throws dev.relay.nats.jetstream.JetStreamUnsupportedException if a setting needs a newer server
     *     (compression needs 2.10)
     * @throws dev.relay.nats.jetstream.StreamNameInUseException if the bucket exists with other settings
     */
    KeyValue create(KeyValueConfig config);

    /**
     * Changes an existing bucket's settings.
     *
     * @param config the new settings
     * @return the bucket
     * @throws BucketNotFoundException if there is no such bucket
     */
    KeyValue update(KeyValueConfig config);

    /**
     * A bucket's settings and size.
     *
     * @param bucket the bucket
     * @return the status
     * @throws BucketNotFoundException if there is no such bucket
     */
    KeyValueStatus status(String bucket);

    /**
     * Returns the names of all buckets.
     *
     * @return the names of all buckets
     */
    List<String> bucketNames();

    /**
     * Returns the status of every bucket.
     *
     * @return the status of every bucket
     */
    List<KeyValueStatus> statuses();

    /**
     * Deletes a bucket and everything in it.
     *
     * @param bucket the bucket
     * @throws BucketNotFoundException if there is no such bucket
     */
    void delete(String bucket);
}
