package dev.relay.nats.jetstream;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of a consumer: every field nats-server 2.9 knows, plus the 2.10 ones (marked), which
 * are refused with {@link JetStreamUnsupportedException} on an older server. A consumer with a
 * {@link #deliverSubject()} is a push consumer, without one a pull consumer; with a {@link #durable()} name
 * it outlives its clients. Zero values mean "server default". Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * ConsumerConfig cfg = ConsumerConfig.builder().durable("billing").filterSubject("orders.new")
 *     .ackPolicy(AckPolicy.EXPLICIT).ackWait(Duration.ofSeconds(30)).maxDeliver(5).build();
 * }</pre>
 *
 * @param name consumer name (server 2.9+), "" to let the server choose or use the durable name
 * @param durable durable name, "" for an ephemeral consumer
 * @param description free text, or ""
 * @param deliverPolicy where delivery starts
 * @param startSequence start sequence for {@link DeliverPolicy#BY_START_SEQUENCE}
 * @param startTime start time for {@link DeliverPolicy#BY_START_TIME}
 * @param ackPolicy how messages are acknowledged
 * @param ackWait how long the server waits for an ack before redelivering, ZERO for 30 s
 * @param maxDeliver most deliveries of one message, -1 unlimited
 * @param backoff redelivery delays, one per delivery (the last repeats)
 * @param filterSubject only messages on this subject, "" for all
 * @param replayPolicy how fast to replay
 * @param rateLimitBitsPerSecond push delivery rate limit, 0 for none
 * @param sampleFrequency ack sampling percentage such as "100%", "" for none
 * @param maxWaiting most pending pull requests, 0 for the default (512)
 * @param maxAckPending most unacknowledged messages, 0 for the default (1000), -1 unlimited
 * @param flowControl push flow control
 * @param idleHeartbeat heartbeat interval when idle, ZERO for none
 * @param headersOnly deliver only headers and the payload size
 * @param maxBatch largest batch of one pull request, 0 unlimited
 * @param maxExpires longest expiry of one pull request, ZERO unlimited
 * @param maxBytes largest byte count of one pull request, 0 unlimited
 * @param inactiveThreshold idle time after which an ephemeral consumer is removed, ZERO for the default
 * @param replicas replicas, 0 for the stream's
 * @param memoryStorage keep consumer state in memory
 * @param deliverSubject push delivery subject, "" for a pull consumer
 * @param deliverGroup queue group of a push consumer, ""
 * @param filterSubjects several filter subjects (server 2.10+)
 * @param metadata user metadata (server 2.10+)
 */
public record ConsumerConfig(
        String name, String durable, String description, DeliverPolicy deliverPolicy, long startSequence,
        Optional<Instant> startTime, AckPolicy ackPolicy, Duration ackWait, long maxDeliver, List<Duration> backoff,
        String filterSubject, ReplayPolicy replayPolicy, long rateLimitBitsPerSecond, String sampleFrequency,
        long maxWaiting, long maxAckPending, boolean flowControl, Duration idleHeartbeat, boolean headersOnly,
        long maxBatch, Duration maxExpires, long maxBytes, Duration inactiveThreshold, int replicas,
        boolean memoryStorage, String deliverSubject, String deliverGroup, List<String> filterSubjects,
        Map<String, String> metadata) {

    /** Checks every field and copies the collections. */
    public ConsumerConfig {
        if (!name.isEmpty()) {
            Names.checkName("name", name);
        }
        if (!durable.isEmpty()) {
            Names.checkName("durable", durable);
        }
        if (!name.isEmpty() && !durable.isEmpty() && !name.equals(durable)) {
            throw new IllegalArgumentException("name: '" + name + "' differs from durable '" + durable
                + "'; a durable consumer's name is its durable name");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(deliverPolicy, "deliverPolicy");
        Objects.requireNonNull(ackPolicy, "ackPolicy");
        Objects.requireNonNull(replayPolicy, "replayPolicy");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(filterSubject, "filterSubject");
        Objects.requireNonNull(sampleFrequency, "sampleFrequency");
        Objects.requireNonNull(deliverSubject, "deliverSubject");
        Objects.requireNonNull(deliverGroup, "deliverGroup");
        for (var d : new Object[][] {{"ackWait", ackWait}, {"idleHeartbeat", idleHeartbeat},
            {"maxExpires", maxExpires}, {"inactiveThreshold", inactiveThreshold}}) {
            Names.checkNotNegative((String) d[0], (Duration) d[1]);
        }
        backoff = List.copyOf(backoff);
        backoff.forEach(d -> Names.checkPositive("backoff", d));
        filterSubjects = List.copyOf(filterSubjects);
        metadata = Map.copyOf(metadata);
        checkRules(deliverPolicy, startSequence, startTime, ackPolicy, ackWait, maxDeliver, backoff, filterSubject,
            filterSubjects, flowControl, idleHeartbeat);
    }

    private static void checkRules(DeliverPolicy deliverPolicy, long startSequence, Optional<Instant> startTime,
                                   AckPolicy ackPolicy, Duration ackWait, long maxDeliver, List<Duration> backoff,
                                   String filterSubject, List<String> filterSubjects, boolean flowControl,
                                   Duration idleHeartbeat) {
        if ((deliverPolicy == DeliverPolicy.BY_START_SEQUENCE) != (startSequence > 0)) {
            throw new IllegalArgumentException("startSequence: required (> 0) with deliver policy by_start_sequence "
                + "and only then; got " + startSequence + " with " + deliverPolicy);
        }
        if ((deliverPolicy == DeliverPolicy.BY_START_TIME) != startTime.isPresent()) {
            throw new IllegalArgumentException("startTime: required with deliver policy by_start_time and only then");
        }
        if (!backoff.isEmpty() && maxDeliver >= 0 && maxDeliver <= backoff.size()) {
            throw new IllegalArgumentException("maxDeliver: must be more than the " + backoff.size()
                + " backoff steps, got " + maxDeliver);
        }
        if (!backoff.isEmpty() && !ackWait.isZero() && !ackWait.equals(backoff.get(0))) {
            throw new IllegalArgumentException("ackWait: with a backoff, leave it unset (the first backoff step is used)");
        }
        if (!filterSubject.isEmpty() && !filterSubjects.isEmpty()) {
            throw new IllegalArgumentException("filterSubjects: use either filterSubject or filterSubjects, not both");
        }
        if (flowControl && idleHeartbeat.isZero()) {
            throw new IllegalArgumentException("idleHeartbeat: flow control needs an idle heartbeat");
        }
        if (ackPolicy == AckPolicy.NONE && !backoff.isEmpty()) {
            throw new IllegalArgumentException("backoff: redelivery backoff needs an ack policy other than none");
        }
    }

    /**
     * Whether this is a pull consumer (no deliver subject).
     *
     * @return true for pull
     */
    public boolean isPull() {
        return deliverSubject.isEmpty();
    }

    /**
     * Starts a configuration: explicit acks, deliver all, instant replay, everything else server default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration written in the JetStream API's JSON (the {@code config} object of an info,
     * e.g. from a file); absent fields take the server's defaults.
     *
     * @param json the JSON object text
     * @return the configuration
     * @throws IllegalArgumentException if the text is not a JSON object or a field breaks its rule
     */
    public static ConsumerConfig fromJson(String json) {
        return ConsumerConfigJson.fromJson(Json.parseConfig(json));
    }

    /**
     * This configuration in the JetStream API's JSON, as it would be sent (fields at their default are left
     * out where the server fills them in).
     *
     * @return the JSON object text
     */
    public String toJson() {
        return new String(Json.bytes(ConsumerConfigJson.toJson(this, ServerVersion.LATEST)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A builder holding this configuration, to change some fields.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name; b.durable = durable; b.description = description; b.deliverPolicy = deliverPolicy;
        b.startSequence = startSequence; b.startTime = startTime.orElse(null); b.ackPolicy = ackPolicy;
        b.ackWait = ackWait; b.maxDeliver = maxDeliver; b.backoff = backoff; b.filterSubject = filterSubject;
        b.replayPolicy = replayPolicy; b.rateLimit = rateLimitBitsPerSecond; b.sampleFrequency = sampleFrequency;
        b.maxWaiting = maxWaiting; b.maxAckPending = maxAckPending; b.flowControl = flowControl;
        b.idleHeartbeat = idleHeartbeat; b.headersOnly = headersOnly; b.maxBatch = maxBatch;
        b.maxExpires = maxExpires; b.maxBytes = maxBytes; b.inactiveThreshold = inactiveThreshold;
        b.replicas = replicas; b.memoryStorage = memoryStorage; b.deliverSubject = deliverSubject;
        b.deliverGroup = deliverGroup; b.filterSubjects = filterSubjects; b.metadata = new LinkedHashMap<>(metadata);
        return b;
    }

    /** Builds a {@link ConsumerConfig}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private String name = "";
        private String durable = "";
        private String description = "";
        private DeliverPolicy deliverPolicy = DeliverPolicy.ALL;
        private long startSequence;
        private Instant startTime;
        private AckPolicy ackPolicy = AckPolicy.EXPLICIT;
        private Duration ackWait = Duration.ZERO;
        private long maxDeliver = -1;
        private List<Duration> backoff = List.of();
        private String filterSubject = "";
        private ReplayPolicy replayPolicy = ReplayPolicy.INSTANT;
        private long rateLimit;
        private String sampleFrequency = "";
        private long maxWaiting;
        private long maxAckPending;
        private boolean flowControl;
        private Duration idleHeartbeat = Duration.ZERO;
        private boolean headersOnly;
        private long maxBatch;
        private Duration maxExpires = Duration.ZERO;
        private long maxBytes;
        private Duration inactiveThreshold = Duration.ZERO;
        private int replicas;
        private boolean memoryStorage;
        private String deliverSubject = "";
        private String deliverGroup = "";
        private List<String> filterSubjects = List.of();
        private Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /**

         * Sets consumer name (server 2.9+).

         *

         * @param v consumer name (server 2.9+)

         * @return this builder

         */
        public Builder name(String v) { name = v; return this; }
        /**
         * Sets durable name.
         *
         * @param v durable name
         * @return this builder
         */
        public Builder durable(String v) { durable = v; return this; }
        /**
         * Sets description.
         *
         * @param v description
         * @return this builder
         */
        public Builder description(String v) { description = v; return this; }
        /**
         * Sets deliver policy; clears a start sequence or time that no longer applies.
         *
         * @param v deliver policy; clears a start sequence or time that no longer applies
         * @return this builder
         */
        public Builder deliverPolicy(DeliverPolicy v) {
            deliverPolicy = v;
            if (v != DeliverPolicy.BY_START_SEQUENCE) {
                startSequence = 0;
            }
            if (v != DeliverPolicy.BY_START_TIME) {
                startTime = null;
            }
            return this;
        }
        /**
         * Sets start sequence; also sets deliver policy by_start_sequence.
         *
         * @param v start sequence; also sets deliver policy by_start_sequence
         * @return this builder
         */
        public Builder startSequence(long v) {
            startSequence = v; startTime = null; deliverPolicy = DeliverPolicy.BY_START_SEQUENCE; return this;
        }
        /**
         * Sets start time; also sets deliver policy by_start_time.
         *
         * @param v start time; also sets deliver policy by_start_time
         * @return this builder
         */
        public Builder startTime(Instant v) {
            startTime = v; startSequence = 0; deliverPolicy = DeliverPolicy.BY_START_TIME; return this;
        }
        /**
         * Sets ack policy.
         *
         * @param v ack policy
         * @return this builder
         */
        public Builder ackPolicy(AckPolicy v) { ackPolicy = v; return this; }
        /**
         * Sets ack wait.
         *
         * @param v ack wait
         * @return this builder
         */
        public Builder ackWait(Duration v) { ackWait = v; return this; }
        /**
         * Sets most deliveries, -1 unlimited.
         *
         * @param v most deliveries, -1 unlimited
         * @return this builder
         */
        public Builder maxDeliver(long v) { maxDeliver = v; return this; }
        /**
         * Sets redelivery delays.
         *
         * @param v redelivery delays
         * @return this builder
         */
        public Builder backoff(Duration... v) { backoff = List.of(v); return this; }
        /**
         * Sets filter subject.
         *
         * @param v filter subject
         * @return this builder
         */
        public Builder filterSubject(String v) { filterSubject = v; return this; }
        /**
         * Sets replay policy.
         *
         * @param v replay policy
         * @return this builder
         */
        public Builder replayPolicy(ReplayPolicy v) { replayPolicy = v; return this; }
        /**
         * Sets rate limit in bits per second.
         *
         * @param v rate limit in bits per second
         * @return this builder
         */
        public Builder rateLimitBitsPerSecond(long v) { rateLimit = v; return this; }
        /**
         * Sets sample frequency, e.g. "50%".
         *
         * @param v sample frequency, e.g. "50%"
         * @return this builder
         */
        public Builder sampleFrequency(String v) { sampleFrequency = v; return this; }
        /**
         * Sets most waiting pull requests.
         *
         * @param v most waiting pull requests
         * @return this builder
         */
        public Builder maxWaiting(long v) { maxWaiting = v; return this; }
        /**
         * Sets most pending acks.
         *
         * @param v most pending acks
         * @return this builder
         */
        public Builder maxAckPending(long v) { maxAckPending = v; return this; }
        /**
         * Sets push flow control.
         *
         * @param v push flow control
         * @return this builder
         */
        public Builder flowControl(boolean v) { flowControl = v; return this; }
        /**
         * Sets idle heartbeat.
         *
         * @param v idle heartbeat
         * @return this builder
         */
        public Builder idleHeartbeat(Duration v) { idleHeartbeat = v; return this; }
        /**
         * Sets headers only.
         *
         * @param v headers only
         * @return this builder
         */
        public Builder headersOnly(boolean v) { headersOnly = v; return this; }
        /**
         * Sets largest pull batch.
         *
         * @param v largest pull batch
         * @return this builder
         */
        public Builder maxBatch(long v) { maxBatch = v; return this; }
        /**
         * Sets longest pull expiry.
         *
         * @param v longest pull expiry
         * @return this builder
         */
        public Builder maxExpires(Duration v) { maxExpires = v; return this; }
        /**
         * Sets largest pull byte count.
         *
         * @param v largest pull byte count
         * @return this builder
         */
        public Builder maxBytes(long v) { maxBytes = v; return this; }
        /**
         * Sets inactive threshold.
         *
         * @param v inactive threshold
         * @return this builder
         */
        public Builder inactiveThreshold(Duration v) { inactiveThreshold = v; return this; }
        /**
         * Sets replicas, 0 for the stream's.
         *
         * @param v replicas, 0 for the stream's
         * @return this builder
         */
        public Builder replicas(int v) { replicas = v; return this; }
        /**
         * Sets memory storage of consumer state.
         *
         * @param v memory storage of consumer state
         * @return this builder
         */
        public Builder memoryStorage(boolean v) { memoryStorage = v; return this; }
        /**
         * Sets push deliver subject.
         *
         * @param v push deliver subject
         * @return this builder
         */
        public Builder deliverSubject(String v) { deliverSubject = v; return this; }
        /**
         * Sets push queue group.
         *
         * @param v push queue group
         * @return this builder
         */
        public Builder deliverGroup(String v) { deliverGroup = v; return this; }
        /**
         * Sets several filter subjects (server 2.10+).
         *
         * @param v several filter subjects (server 2.10+)
         * @return this builder
         */
        public Builder filterSubjects(String... v) { filterSubjects = List.of(v); return this; }
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
        public ConsumerConfig build() {
            return new ConsumerConfig(name, durable, description, deliverPolicy, startSequence,
                Optional.ofNullable(startTime), ackPolicy, ackWait, maxDeliver, backoff, filterSubject, replayPolicy,
                rateLimit, sampleFrequency, maxWaiting, maxAckPending, flowControl, idleHeartbeat, headersOnly,
                maxBatch, maxExpires, maxBytes, inactiveThreshold, replicas, memoryStorage, deliverSubject,
                deliverGroup, filterSubjects, metadata);
        }
    }
}
