package dev.relay.nats.objectstore;

import dev.relay.nats.jetstream.StreamInfo;
import java.util.Objects;

/**
 * What an object store bucket holds and how it is set up, read from its stream. Immutable.
 *
 * @param config the bucket's settings
 * @param sealed whether the bucket is sealed (read-only)
 * @param bytes how many bytes the bucket stores, chunks and meta together
 * @param streamInfo the stream underneath
 */
public record ObjectStoreStatus(ObjectStoreConfig config, boolean sealed, long bytes, StreamInfo streamInfo) {
    /** Checks that no component is null. */
    public ObjectStoreStatus {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(streamInfo, "streamInfo");
    }

    /**
     * Returns the bucket name.
     *
     * @return the bucket name
     */
    public String bucket() {
        return config.bucket();
    }

    static ObjectStoreStatus of(StreamInfo info) {
        return new ObjectStoreStatus(ObjectStoreConfig.fromStreamConfig(info.config()), info.config().sealed(),
            info.state().bytes(), info);
    }
}
