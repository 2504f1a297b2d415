package dev.relay.nats.objectstore;

import dev.relay.nats.jetstream.Compression;
import dev.relay.nats.jetstream.DiscardPolicy;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.StreamConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of an object store bucket, and how they map onto its stream (ADR-20): stream
 * {@code OBJ_<bucket>} on {@code $O.<bucket>.C.>} and {@code $O.<bucket>.M.>}, TTL as max age, discard
 * new, rollups and direct get allowed. Immutable; build with {@link #builder(String)}.
 *
 * @param bucket the bucket name: letters, digits, {@code _} and {@code -}
 * @param description free text
 * @param ttl how long objects live; zero (default) for ever
 * @param maxBytes the bucket's size limit in bytes; -1 (default) for none
 * @param storage file (default) or memory
 * @param replicas 1 (default) to 5
 * @param compression stream compression; anything but none needs nats-server 2.10
 */
public record ObjectStoreConfig(String bucket, String description, Duration ttl, long maxBytes, StorageType storage,
                                int replicas, Compression compression) {
    /** Checks every field. */
    public ObjectStoreConfig {
        Names.checkBucket(bucket);
        Objects.requireNonNull(description, "description");
        if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
            throw new IllegalArgumentException("ttl: must not be negative, got " + ttl);
        }
        if (maxBytes == 0 || maxBytes < -1) {
            throw new IllegalArgumentException("maxBytes: must be positive, or -1 for no limit");
        }
        Objects.requireNonNull(storage, "storage");
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas: must be 1 to 5, got " + replicas);
        }
        Objects.requireNonNull(compression, "compression");
    }

    /**
     * Starts a configuration with the defaults.
     *
     * @param bucket the bucket name
     * @return a builder
     */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    StreamConfig toStreamConfig() {
        return StreamConfig.builder(Names.stream(bucket)).description(description)
            .subjects(Names.allChunks(bucket), Names.allMeta(bucket)).maxAge(ttl).maxBytes(maxBytes).storage(storage)
            .replicas(replicas).discard(DiscardPolicy.NEW).allowRollup(true).allowDirect(true).compression(compression)
            .build();
    }

    static ObjectStoreConfig fromStreamConfig(StreamConfig s) {
        return new ObjectStoreConfig(s.name().substring(Names.STREAM_PREFIX.length()), s.description(), s.maxAge(),
            s.maxBytes() <= 0 ? -1 : s.maxBytes(), s.storage(), s.replicas(), s.compression());
    }

    /** Collects the settings of a bucket; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private final String bucket;
        private String description = "";
        private Duration ttl = Duration.ZERO;
        private long maxBytes = -1;
        private StorageType storage = StorageType.FILE;
        private int replicas = 1;
        private Compression compression = Compression.NONE;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        /**
         * Sets the description (free text).
         *
         * @param v free text
         * @return this builder
         */
        public Builder description(String v) { description = v; return this; }
        /**
         * Sets how long objects live (TTL); zero for ever.
         *
         * @param v how long objects live; zero for ever
         * @return this builder
         */
        public Builder ttl(Duration v) { ttl = v; return this; }
        /**
         * Sets the size limit in bytes, -1 for none.
         *
         * @param v size limit in bytes, -1 for none
         * @return this builder
         */
        public Builder maxBytes(long v) { maxBytes = v; return this; }
        /**
         * Sets the storage: file or memory.
         *
         * @param v file or memory
         * @return this builder
         */
        public Builder storage(StorageType v) { storage = v; return this; }
        /**
         * Sets the number of replicas, 1 to 5.
         *
         * @param v replicas, 1 to 5
         * @return this builder
         */
        public Builder replicas(int v) { replicas = v; return this; }
        /**
         * Sets the stream compression (S2 needs nats-server 2.10 or later).
         *
         * @param v stream compression (nats-server 2.10 or later for S2)
         * @return this builder
         */
        public Builder compression(Compression v) { compression = v; return this; }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public ObjectStoreConfig build() {
            return new ObjectStoreConfig(bucket, description, ttl, maxBytes, storage, replicas, compression);
        }
    }
}
