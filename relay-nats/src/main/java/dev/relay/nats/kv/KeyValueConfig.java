package dev.relay.nats.kv;

import dev.relay.nats.jetstream.Compression;
import dev.relay.nats.jetstream.DiscardPolicy;
import dev.relay.nats.jetstream.Republish;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.StreamConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a Key-Value bucket, and how they map onto its stream (ADR-8): stream {@code KV_<bucket>}
 * on subjects {@code $KV.<bucket>.>}, history as max messages per subject, TTL as max age, max value size as
 * max message size, rollups allowed, deletes denied, direct get allowed, discard new, a duplicate window of
 * two minutes (or the TTL when shorter). Immutable; build with {@link #builder(String)}.
 *
 * <pre>{@code
 * KeyValueConfig c = KeyValueConfig.builder("config").history(5).ttl(Duration.ofHours(1)).build();
 * }</pre>
 *
 * @param bucket the bucket name: letters, digits, {@code _} and {@code -}
 * @param description free text
 * @param history revisions kept per key, 1 to 64 (default 1)
 * @param ttl how long a value lives; zero (default) for ever
 * @param maxValueSize the largest value in bytes; -1 (default) for the server's limit
 * @param maxBucketSize the bucket's size limit in bytes; -1 (default) for none
 * @param storage file (default) or memory
 * @param replicas 1 (default) to 5
 * @param republish republish every change to another subject, if present
 * @param compression stream compression; anything but none needs nats-server 2.10
 */
public record KeyValueConfig(String bucket, String description, int history, Duration ttl, long maxValueSize,
                             long maxBucketSize, StorageType storage, int replicas, Optional<Republish> republish,
                             Compression compression) {
    /** The most revisions a key can keep. */
    public static final int MAX_HISTORY = 64;
    private static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    /** Checks every field. */
    public KeyValueConfig {
        Keys.checkBucket(bucket);
        Objects.requireNonNull(description, "description");
        if (history < 1 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("history: must be 1 to " + MAX_HISTORY + ", got " + history);
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl: must not be negative, got " + ttl);
        }
        if (maxValueSize == 0 || maxValueSize < -1 || maxBucketSize == 0 || maxBucketSize < -1) {
            throw new IllegalArgumentException("maxValueSize, maxBucketSize: must be positive, or -1 for no limit");
        }
        Objects.requireNonNull(storage, "storage");
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas: must be 1 to 5, got " + replicas);
        }
        Objects.requireNonNull(republish, "republish");
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

    /**
     * Returns a builder holding these settings, to change some.
     *
     * @return a builder holding these settings, to change some
     */
    public Builder toBuilder() {
        return new Builder(bucket).description(description).history(history).ttl(ttl).maxValueSize(maxValueSize)
            .maxBucketSize(maxBucketSize).storage(storage).replicas(replicas).republish(republish.orElse(null))
            .compression(compression);
    }

    /** The stream that holds the bucket, set up exactly as the other NATS clients set it up. */
    StreamConfig toStreamConfig() {
        Duration dupes = !ttl.isZero() && ttl.compareTo(DUPLICATE_WINDOW) < 0 ? ttl : DUPLICATE_WINDOW;
        StreamConfig.Builder b = StreamConfig.builder(Keys.STREAM_PREFIX + bucket).description(description)
            .subjects(Keys.subjectPrefix(bucket) + ">").maxMessagesPerSubject(history).maxBytes(maxBucketSize)
            .maxAge(ttl).maxMessageSize(maxValueSize).storage(storage).replicas(replicas).allowRollup(true)
            .denyDelete(true).allowDirect(true).discard(DiscardPolicy.NEW).duplicateWindow(dupes)
            .maxMessages(-1).maxConsumers(-1).compression(compression);
        republish.ifPresent(b::republish);
        return b.build();
    }

    /** Reads the settings back from a bucket's stream. */
    static KeyValueConfig fromStreamConfig(StreamConfig s) {
        return new KeyValueConfig(s.name().substring(Keys.STREAM_PREFIX.length()), s.description(),
            (int) Math.max(1, Math.min(MAX_HISTORY, s.maxMessagesPerSubject())), s.maxAge(),
            s.maxMessageSize() <= 0 ? -1 : s.maxMessageSize(), s.maxBytes() <= 0 ? -1 : s.maxBytes(), s.storage(),
            s.replicas(), s.republish(), s.compression());
    }

    /** Collects the settings of a bucket; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private final String bucket;
        private String description = "";
        private int history = 1;
        private Duration ttl = Duration.ZERO;
        private long maxValueSize = -1;
        private long maxBucketSize = -1;
        private StorageType storage = StorageType.FILE;
        private int replicas = 1;
        private Republish republish;
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
         * Sets how many revisions each key keeps, 1 to 64.
         *
         * @param v revisions kept per key, 1 to 64
         * @return this builder
         */
        public Builder history(int v) { history = v; return this; }
        /**
         * Sets how long values live (TTL); zero for ever.
         *
         * @param v how long values live; zero for ever
         * @return this builder
         */
        public Builder ttl(Duration v) { ttl = v; return this; }
        /**
         * Sets the largest value in bytes, -1 for no limit.
         *
         * @param v the largest value in bytes, -1 for no limit
         * @return this builder
         */
        public Builder maxValueSize(long v) { maxValueSize = v; return this; }
        /**
         * Sets the bucket's size limit in bytes, -1 for none.
         *
         * @param v the bucket's size limit in bytes, -1 for none
         * @return this builder
         */
        public Builder maxBucketSize(long v) { maxBucketSize = v; return this; }
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
         * Sets where to republish changes, or null for nowhere.
         *
         * @param v where to republish changes, or null for nowhere
         * @return this builder
         */
        public Builder republish(Republish v) { republish = v; return this; }
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
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public KeyValueConfig build() {
            return new KeyValueConfig(bucket, description, history, ttl, maxValueSize, maxBucketSize, storage, replicas,
                Optional.ofNullable(republish), compression);
        }
    }
}
