package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a {@link ConsumerConfig} as the API's JSON for a given server version (refusing fields the
 * version lacks) and reads it back. Zero values are left out so the server applies its defaults and what
 * was sent can be compared with what it stored. Stateless; thread-safe.
 */
final class ConsumerConfigJson {
    private ConsumerConfigJson() {
    }

    static ObjectNode toJson(ConsumerConfig c, ServerVersion v) {
        ObjectNode n = Json.object();
        if (!c.name().isEmpty()) {
            v.require("name", ServerVersion.V2_9_0);
            n.put("name", c.name());
        }
        Json.putIfNotEmpty(n, "durable_name", c.durable());
        Json.putIfNotEmpty(n, "description", c.description());
        n.put("deliver_policy", Json.wire(c.deliverPolicy()));
        putCount(n, "opt_start_seq", c.startSequence());
        c.startTime().ifPresent(t -> Json.putTime(n, "opt_start_time", t));
        n.put("ack_policy", Json.wire(c.ackPolicy()));
        putDuration(n, "ack_wait", c.ackWait());
        if (c.maxDeliver() != 0) {
            n.put("max_deliver", c.maxDeliver());
        }
        if (!c.backoff().isEmpty()) {
            ArrayNode a = n.putArray("backoff");
            c.backoff().forEach(d -> a.add(d.toNanos()));
        }
        Json.putIfNotEmpty(n, "filter_subject", c.filterSubject());
        n.put("replay_policy", Json.wire(c.replayPolicy()));
        putCount(n, "rate_limit_bps", c.rateLimitBitsPerSecond());
        Json.putIfNotEmpty(n, "sample_freq", c.sampleFrequency());
        putCount(n, "max_waiting", c.maxWaiting());
        if (c.maxAckPending() != 0) {
            n.put("max_ack_pending", c.maxAckPending());
        }
        if (c.flowControl()) {
            n.put("flow_control", true);
        }
        putDuration(n, "idle_heartbeat", c.idleHeartbeat());
        if (c.headersOnly()) {
            n.put("headers_only", true);
        }
        putCount(n, "max_batch", c.maxBatch());
        putDuration(n, "max_expires", c.maxExpires());
        putCount(n, "max_bytes", c.maxBytes());
        putDuration(n, "inactive_threshold", c.inactiveThreshold());
        putCount(n, "num_replicas", c.replicas());
        if (c.memoryStorage()) {
            n.put("mem_storage", true);
        }
        Json.putIfNotEmpty(n, "deliver_subject", c.deliverSubject());
        Json.putIfNotEmpty(n, "deliver_group", c.deliverGroup());
        if (!c.filterSubjects().isEmpty()) {
            v.require("filter_subjects", ServerVersion.V2_10_0);
            Json.putStrings(n, "filter_subjects", c.filterSubjects());
        }
        Map<String, String> metadata = Json.userMetadata(c.metadata());
        if (!metadata.isEmpty()) {
            v.require("metadata", ServerVersion.V2_10_0);
            Json.putStringMap(n, "metadata", metadata);
        }
        return n;
    }

    private static void putCount(ObjectNode n, String field, long value) {
        if (value > 0) {
            n.put(field, value);
        }
    }

    private static void putDuration(ObjectNode n, String field, Duration d) {
        if (!d.isZero()) {
            Json.putNanos(n, field, d);
        }
    }

    static ConsumerConfig fromJson(JsonNode n) {
        ConsumerConfig.Builder b = ConsumerConfig.builder()
            .name(Json.str(n, "name"))
            .durable(Json.str(n, "durable_name"))
            .description(Json.str(n, "description"))
            .ackPolicy(Json.enumOf(AckPolicy.class, n, "ack_policy", AckPolicy.NONE))
            .ackWait(Json.nanos(n, "ack_wait"))
            .maxDeliver(Json.lng(n, "max_deliver", -1))
            .backoff(Json.durations(n, "backoff").toArray(new Duration[0]))
            .filterSubject(Json.str(n, "filter_subject"))
            .replayPolicy(Json.enumOf(ReplayPolicy.class, n, "replay_policy", ReplayPolicy.INSTANT))
            .rateLimitBitsPerSecond(Json.lng(n, "rate_limit_bps"))
            .sampleFrequency(Json.str(n, "sample_freq"))
            .maxWaiting(Json.lng(n, "max_waiting"))
            .maxAckPending(Json.lng(n, "max_ack_pending"))
            .flowControl(Json.bool(n, "flow_control"))
            .idleHeartbeat(Json.nanos(n, "idle_heartbeat"))
            .headersOnly(Json.bool(n, "headers_only"))
            .maxBatch(Json.lng(n, "max_batch"))
            .maxExpires(Json.nanos(n, "max_expires"))
            .maxBytes(Json.lng(n, "max_bytes"))
            .inactiveThreshold(Json.nanos(n, "inactive_threshold"))
            .replicas(Json.integer(n, "num_replicas"))
            .memoryStorage(Json.bool(n, "mem_storage"))
            .deliverSubject(Json.str(n, "deliver_subject"))
            .deliverGroup(Json.str(n, "deliver_group"))
            .filterSubjects(Json.strings(n, "filter_subjects").toArray(new String[0]));
        b.deliverPolicy(Json.enumOf(DeliverPolicy.class, n, "deliver_policy", DeliverPolicy.ALL));
        long seq = Json.lng(n, "opt_start_seq");
        if (seq > 0) {
            b.startSequence(seq);
        }
        Json.time(n, "opt_start_time").ifPresent(b::startTime);
        Json.stringMap(n, "metadata").forEach(b::metadata);
        return b.build();
    }
}
