package dev.relay.nats.objectstore;

import dev.relay.nats.jetstream.JetStream;
import java.util.List;

/**
 * Creates, lists and deletes object store buckets. Thread-safe; each call blocks for one or a few
 * JetStream API requests.
 *
 * <pre>{@code
 * ObjectStore files = ObjectStoreManagement.of(js).create(ObjectStoreConfig.builder("files").build());
 * }</pre>
 */
public interface ObjectStoreManagement {

    /**
     * Management on a JetStream context.
     *
     * @param js the context
     * @return the management
     */
    static ObjectStoreManagement of(JetStream js) {
        return new RealObjectStoreManagement(js);
    }

    /**
     * Creates a bucket (or returns the existing one if its settings are the same).
     *
     * @param config the settings
     * @return the bucket
     * @throws dev.relay.nats.jetstream.JetStreamUnsupportedException if a setting needs a newer server
     */
    ObjectStore create(ObjectStoreConfig config);

    /**
     * A bucket's settings and size.
     *
     * @param bucket the bucket
     * @return the status
     * @throws ObjectStoreNotFoundException if there is no such bucket
     */
    ObjectStoreStatus status(String bucket);

    /**
     * Returns the names of all object store buckets.
     *
     * @return the names of all object store buckets
     */
    List<String> bucketNames();

    /**
     * Returns the status of every object store bucket.
     *
     * @return the status of every object store bucket
     */
    List<ObjectStoreStatus> statuses();

    /**
     * Deletes a bucket and every object in it.
     *
     * @param bucket the bucket
     * @throws ObjectStoreNotFoundException if there is no such bucket
     */
    void delete(String bucket);
}
