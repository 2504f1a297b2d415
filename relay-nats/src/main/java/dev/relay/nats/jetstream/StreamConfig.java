package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of a stream: every field nats-server 2.9 knows, plus the 2.10 ones (marked), which
 * are refused with {@link JetStreamUnsupportedException} on an older server. Limits use -1 for
 * "unlimited", durations {@link Duration#ZERO} for "server default". Immutable; made with
 * {@link #builder(String)} or changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * StreamConfig cfg = StreamConfig.builder("ORDERS").subjects("orders.>").storage(StorageType.FILE)
 *     .maxAge(Duration.ofDays(7)).duplicateWindow(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * @param name stream name (no spaces, dots, {@code *}, {@code >}, path separators)
 * @param description free text, or ""
 * @param subjects subjects the stream stores; empty means just the stream's name (none for a mirror)
 * @param retention when messages may be removed besides the limits
 * @param maxConsumers most consumers, -1 unlimited
 * @param maxMessages most messages, -1 unlimited
 * @param maxBytes most bytes, -1 unlimited
 * @param maxAge oldest message age, ZERO unlimited
 * @param maxMessagesPerSubject most messages per subject, -1 unlimited
 * @param maxMessageSize largest message in bytes, -1 unlimited
 * @param discard what happens at a limit
 * @param storage file or memory
 * @param replicas number of replicas (1 to 5)
 * @param noAck whether publishes to the stream are not acknowledged
 * @param duplicateWindow how long message ids are remembered for deduplication, ZERO for 2 minutes
 * @param placement cluster and tags for the replicas
 * @param mirror the stream this one mirrors
 * @param sources the streams this one sources from
 * @param sealed whether the stream refuses all changes (update only)
 * @param denyDelete whether deleting single messages is refused
 * @param denyPurge whether purging is refused
 * @param allowRollup whether {@code Nats-Rollup} headers may roll up subjects
 * @param allowDirect whether direct get (answered by any replica) is allowed
 * @param mirrorDirect whether a mirror answers direct gets for its origin
 * @param republish republishing of stored messages
 * @param discardNewPerSubject with discard NEW, apply it per subject
 * @param compression storage compression (server 2.10+)
 * @param firstSequence sequence of the first message (server 2.10+), 0 for default
 * @param subjectTransform subject mapping on store (server 2.10+)
 * @param metadata user metadata (server 2.10+)
 */
public record StreamConfig(
        String name, String description, List<String> subjects, RetentionPolicy retention,
        long maxConsumers, long maxMessages, long maxBytes, Duration maxAge, long maxMessagesPerSubject,
        long maxMessageSize, DiscardPolicy discard, StorageType storage, int replicas, boolean noAck,
        Duration duplicateWindow, Optional<Placement> placement, Optional<StreamSource> mirror,
        List<StreamSource> sources, boolean sealed, boolean denyDelete, boolean denyPurge, boolean allowRollup,
        boolean allowDirect, boolean mirrorDirect, Optional<Republish> republish, boolean discardNewPerSubject,
        Compression compression, long firstSequence, Optional<SubjectTransform> subjectTransform,
        Map<String, String> metadata) {

    /** Checks every field and copies the collections. */
    public StreamConfig {
        Names.checkName("name", name);
        Objects.requireNonNull(description, "description");
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(discard, "discard");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(republish, "republish");
        Objects.requireNonNull(subjectTransform, "subjectTransform");
        Names.checkNotNegative("maxAge", maxAge);
        Names.checkNotNegative("duplicateWindow", duplicateWindow);
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas: must be 1 to 5, got " + replicas);
        }
        if (firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence: must be 0 or more, got " + firstSequence);
        }
        if (mirror.isPresent() && !subjects.isEmpty()) {
            throw new IllegalArgumentException("subjects: a mirror stream takes no subjects of its own");
        }
        sources = List.copyOf(sources);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Starts a configuration with the server's defaults: limits retention, file storage, one replica,
     * no limits, discard old.
     *
     * @param name the stream name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a configuration written in the JetStream API's JSON (the {@code config} object of an info,
     * e.g. from a file); absent fields take the server's defaults.
     *
     * @param json the JSON object text
     * @return the configuration
     * @throws IllegalArgumentException if the text is not a JSON object or a field breaks its rule
     */
    public static StreamConfig fromJson(String json) {
        return StreamConfigJson.fromJson(Json.parseConfig(json));
    }

    /**
     * This configuration in the JetStream API's JSON, as it would be sent (fields at their default are left
     * out where the server fills them in).
     *
     * @return the JSON object text
     */
    public String toJson() {
        return new String(Json.bytes(StreamConfigJson.toJson(this, ServerVersion.LATEST)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A builder holding this configuration, to change some fields.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link StreamConfig}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private String description = "";
        private List<String> subjects = List.of();
        private RetentionPolicy retention = RetentionPolicy.LIMITS;
        private long maxConsumers = -1;
        private long maxMessages = -1;
        private long maxBytes = -1;
        private Duration maxAge = Duration.ZERO;
        private long maxMessagesPerSubject = -1;
        private long maxMessageSize = -1;
        private DiscardPolicy discard = DiscardPolicy.OLD;
        private StorageType storage = StorageType.FILE;
        private int replicas = 1;
        private boolean noAck;
        private Duration duplicateWindow = Duration.ZERO;
        private Placement placement;
        private StreamSource mirror;
        private List<StreamSource> sources = List.of();
        private boolean sealed;
        private boolean denyDelete;
        private boolean denyPurge;
        private boolean allowRollup;
        private boolean allowDirect;
        private boolean mirrorDirect;
        private Republish republish;
        private boolean discardNewPerSubject;
        private Compression compression = Compression.NONE;
        private long firstSequence;
        private SubjectTransform subjectTransform;
        private Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder(StreamConfig c) {
            name = c.name; description = c.description; subjects = c.subjects; retention = c.retention;
            maxConsumers = c.maxConsumers; maxMessages = c.maxMessages; maxBytes = c.maxBytes; maxAge = c.maxAge;
            maxMessagesPerSubject = c.maxMessagesPerSubject; maxMessageSize = c.maxMessageSize; discard = c.discard;
            storage = c.storage; replicas = c.replicas; noAck = c.noAck; duplicateWindow = c.duplicateWindow;
            placement = c.placement.orElse(null); mirror = c.mirror.orElse(null); sources = c.sources;
            sealed = c.sealed; denyDelete = c.denyDelete; denyPurge = c.denyPurge; allowRollup = c.allowRollup;
            allowDirect = c.allowDirect; mirrorDirect = c.mirrorDirect; republish = c.republish.orElse(null);
            discardNewPerSubject = c.discardNewPerSubject; compression = c.compression;
            firstSequence = c.firstSequence; subjectTransform = c.subjectTransform.orElse(null);
            metadata = new LinkedHashMap<>(c.metadata);
        }

        /**

         * Sets stream name.

         *

         * @param v stream name

         * @return this builder

         */
        public Builder name(String v) { name = v; return this; }
        /**
         * Sets description.
         *
         * @param v description
         * @return this builder
         */
        public Builder description(String v) { description = v; return this; }
        /**
         * Sets subjects to store.
         *
         * @param v subjects to store
         * @return this builder
         */
        public Builder subjects(String... v) { subjects = List.of(v); return this; }
        /**
         * Sets subjects to store.
         *
         * @param v subjects to store
         * @return this builder
         */
        public Builder subjects(List<String> v) { subjects = List.copyOf(v); return this; }
        /**
         * Sets retention policy.
         *
         * @param v retention policy
         * @return this builder
         */
        public Builder retention(RetentionPolicy v) { retention = v; return this; }
        /**
         * Sets most consumers, -1 unlimited.
         *
         * @param v most consumers, -1 unlimited
         * @return this builder
         */
        public Builder maxConsumers(long v) { maxConsumers = v; return this; }
        /**
         * Sets most messages, -1 unlimited.
         *
         * @param v most messages, -1 unlimited
         * @return this builder
         */
        public Builder maxMessages(long v) { maxMessages = v; return this; }
        /**
         * Sets most bytes, -1 unlimited.
         *
         * @param v most bytes, -1 unlimited
         * @return this builder
         */
        public Builder maxBytes(long v) { maxBytes = v; return this; }
        /**
         * Sets oldest age, ZERO unlimited.
         *
         * @param v oldest age, ZERO unlimited
         * @return this builder
         */
        public Builder maxAge(Duration v) { maxAge = v; return this; }
        /**
         * Sets most messages per subject, -1 unlimited.
         *
         * @param v most messages per subject, -1 unlimited
         * @return this builder
         */
        public Builder maxMessagesPerSubject(long v) { maxMessagesPerSubject = v; return this; }
        /**
         * Sets largest message in bytes, -1 unlimited.
         *
         * @param v largest message in bytes, -1 unlimited
         * @return this builder
         */
        public Builder maxMessageSize(long v) { maxMessageSize = v; return this; }
        /**
         * Sets discard policy.
         *
         * @param v discard policy
         * @return this builder
         */
        public Builder discard(DiscardPolicy v) { discard = v; return this; }
        /**
         * Sets storage type.
         *
         * @param v storage type
         * @return this builder
         */
        public Builder storage(StorageType v) { storage = v; return this; }
        /**
         * Sets number of replicas.
         *
         * @param v number of replicas
         * @return this builder
         */
        public Builder replicas(int v) { replicas = v; return this; }
        /**
         * Sets refuse to acknowledge publishes.
         *
         * @param v refuse to acknowledge publishes
         * @return this builder
         */
        public Builder noAck(boolean v) { noAck = v; return this; }
        /**
         * Sets deduplication window.
         *
         * @param v deduplication window
         * @return this builder
         */
        public Builder duplicateWindow(Duration v) { duplicateWindow = v; return this; }
        /**
         * Sets placement.
         *
         * @param v placement
         * @return this builder
         */
        public Builder placement(Placement v) { placement = v; return this; }
        /**
         * Sets origin to mirror.
         *
         * @param v origin to mirror
         * @return this builder
         */
        public Builder mirror(StreamSource v) { mirror = v; return this; }
        /**
         * Sets origins to source from.
         *
         * @param v origins to source from
         * @return this builder
         */
        public Builder sources(StreamSource... v) { sources = List.of(v); return this; }
        /**
         * Sets seal the stream (update only).
         *
         * @param v seal the stream (update only)
         * @return this builder
         */
        public Builder sealed(boolean v) { sealed = v; return this; }
        /**
         * Sets refuse message deletes.
         *
         * @param v refuse message deletes
         * @return this builder
         */
        public Builder denyDelete(boolean v) { denyDelete = v; return this; }
        /**
         * Sets refuse purges.
         *
         * @param v refuse purges
         * @return this builder
         */
        public Builder denyPurge(boolean v) { denyPurge = v; return this; }
        /**
         * Sets allow rollup headers.
         *
         * @param v allow rollup headers
         * @return this builder
         */
        public Builder allowRollup(boolean v) { allowRollup = v; return this; }
        /**
         * Sets allow direct get.
         *
         * @param v allow direct get
         * @return this builder
         */
        public Builder allowDirect(boolean v) { allowDirect = v; return this; }
        /**
         * Sets mirror answers direct gets.
         *
         * @param v mirror answers direct gets
         * @return this builder
         */
        public Builder mirrorDirect(boolean v) { mirrorDirect = v; return this; }
        /**
         * Sets republish config.
         *
         * @param v republish config
         * @return this builder
         */
        public Builder republish(Republish v) { republish = v; return this; }
        /**
         * Sets discard new per subject.
         *
         * @param v discard new per subject
         * @return this builder
         */
        public Builder discardNewPerSubject(boolean v) { discardNewPerSubject = v; return this; }
        /**
         * Sets compression (server 2.10+).
         *
         * @param v compression (server 2.10+)
         * @return this builder
         */
        public Builder compression(Compression v) { compression = v; return this; }
        /**
         * Sets first sequence (server 2.10+).
         *
         * @param v first sequence (server 2.10+)
         * @return this builder
         */
        public Builder firstSequence(long v) { firstSequence = v; return this; }
        /**
         * Sets subject transform (server 2.10+).
         *
         * @param v subject transform (server 2.10+)
         * @return this builder
         */
        public Builder subjectTransform(SubjectTransform v) { subjectTransform = v; return this; }
        /**
         * Sets metadata key.
         *
         * @param key metadata key
         * @param value metadata value (server 2.10+)
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a field breaks its rule (named in the message)
         */
        public StreamConfig build() {
            return new StreamConfig(name, description, subjects, retention, maxConsumers, maxMessages, maxBytes,
                maxAge, maxMessagesPerSubject, maxMessageSize, discard, storage, replicas, noAck, duplicateWindow,
                Optional.ofNullable(placement), Optional.ofNullable(mirror), sources, sealed, denyDelete, denyPurge,
                allowRollup, allowDirect, mirrorDirect, Optional.ofNullable(republish), discardNewPerSubject,
                compression, firstSequence, Optional.ofNullable(subjectTransform), metadata);
        }
    }
}
