package dev.relay.nats.kv;

import dev.relay.nats.jetstream.StreamInfo;
import java.util.Objects;

/**
 * What a Key-Value bucket holds and how it is set up, read from its stream. Immutable.
 *
 * @param config the bucket's settings
 * @param values how many messages the bucket holds (values, history and markers)
 * @param bytes how many bytes the bucket stores
 * @param streamInfo the stream underneath, for anything else
 */
public record KeyValueStatus(KeyValueConfig config, long values, long bytes, StreamInfo streamInfo) {
    /** Checks that no component is null. */
    public KeyValueStatus {
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

    /**
     * Returns the backing store, always {@code JetStream} as the other clients report it.
     *
     * @return always {@code JetStream}, as the other clients report it
     */
    public String backingStore() {
        return "JetStream";
    }

    static KeyValueStatus of(StreamInfo info) {
        return new KeyValueStatus(KeyValueConfig.fromStreamConfig(info.config()), info.state().messages(),
            info.state().bytes(), info);
    }
}
