package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Writes a {@link StreamConfig} as the API's JSON for a given server version (refusing fields the version
 * lacks) and reads it back. Only fields that differ from the server's defaults are written, so what was
 * sent can be compared field by field with what the server stored. Stateless; thread-safe.
 */
final class StreamConfigJson {
    private StreamConfigJson() {
    }

    static ObjectNode toJson(StreamConfig c, ServerVersion v) {
        ObjectNode n = Json.object();
        n.put("name", c.name());
        Json.putIfNotEmpty(n, "description", c.description());
        if (!c.subjects().isEmpty()) {
            Json.putStrings(n, "subjects", c.subjects());
        }
        n.put("retention", Json.wire(c.retention()));
        n.put("max_consumers", c.maxConsumers());
        n.put("max_msgs", c.maxMessages());
        n.put("max_bytes", c.maxBytes());
        Json.putNanos(n, "max_age", c.maxAge());
        n.put("max_msgs_per_subject", c.maxMessagesPerSubject());
        n.put("max_msg_size", c.maxMessageSize());
        n.put("discard", Json.wire(c.discard()));
        n.put("storage", Json.wire(c.storage()));
        n.put("num_replicas", c.replicas());
        putFlag(n, "no_ack", c.noAck());
        if (!c.duplicateWindow().isZero()) {
            Json.putNanos(n, "duplicate_window", c.duplicateWindow());
        }
        c.placement().ifPresent(p -> {
            ObjectNode o = n.putObject("placement");
            Json.putIfNotEmpty(o, "cluster", p.cluster());
            if (!p.tags().isEmpty()) {
                Json.putStrings(o, "tags", p.tags());
            }
        });
        c.mirror().ifPresent(m -> n.set("mirror", source(m, v)));
        if (!c.sources().isEmpty()) {
            ArrayNode a = n.putArray("sources");
            c.sources().forEach(s -> a.add(source(s, v)));
        }
        putFlag(n, "sealed", c.sealed());
        putFlag(n, "deny_delete", c.denyDelete());
        putFlag(n, "deny_purge", c.denyPurge());
        putFlag(n, "allow_rollup_hdrs", c.allowRollup());
        putFlag29(n, "allow_direct", c.allowDirect(), v);
        putFlag29(n, "mirror_direct", c.mirrorDirect(), v);
        putFlag29(n, "discard_new_per_subject", c.discardNewPerSubject(), v);
        c.republish().ifPresent(r -> {
            v.require("republish", ServerVersion.V2_9_0);
            ObjectNode o = n.putObject("republish");
            o.put("src", r.source());
            o.put("dest", r.destination());
            putFlag(o, "headers_only", r.headersOnly());
        });
        put210(n, c, v);
        return n;
    }

    private static void put210(ObjectNode n, StreamConfig c, ServerVersion v) {
        if (c.compression() != Compression.NONE) {
            v.require("compression", ServerVersion.V2_10_0);
            n.put("compression", Json.wire(c.compression()));
        }
        if (c.firstSequence() > 0) {
            v.require("first_seq", ServerVersion.V2_10_0);
            n.put("first_seq", c.firstSequence());
        }
        c.subjectTransform().ifPresent(t -> {
            v.require("subject_transform", ServerVersion.V2_10_0);
            n.set("subject_transform", transform(t));
        });
        Map<String, String> metadata = Json.userMetadata(c.metadata());
        if (!metadata.isEmpty()) {
            v.require("metadata", ServerVersion.V2_10_0);
            Json.putStringMap(n, "metadata", metadata);
        }
    }

    private static void putFlag(ObjectNode n, String field, boolean value) {
        if (value) {
            n.put(field, true);
        }
    }

    private static void putFlag29(ObjectNode n, String field, boolean value, ServerVersion v) {
        if (value) {
            v.require(field, ServerVersion.V2_9_0);
            n.put(field, true);
        }
    }

    private static ObjectNode transform(SubjectTransform t) {
        ObjectNode o = Json.object();
        o.put("src", t.source());
        o.put("dest", t.destination());
        return o;
    }

    private static ObjectNode source(StreamSource s, ServerVersion v) {
        ObjectNode o = Json.object();
        o.put("name", s.name());
        if (s.startSequence() > 0) {
            o.put("opt_start_seq", s.startSequence());
        }
        s.startTime().ifPresent(t -> Json.putTime(o, "opt_start_time", t));
        Json.putIfNotEmpty(o, "filter_subject", s.filterSubject());
        s.external().ifPresent(e -> {
            ObjectNode x = o.putObject("external");
            x.put("api", e.api());
            Json.putIfNotEmpty(x, "deliver", e.deliver());
        });
        if (!s.subjectTransforms().isEmpty()) {
            v.require("subject_transforms", ServerVersion.V2_10_0);
            ArrayNode a = o.putArray("subject_transforms");
            s.subjectTransforms().forEach(t -> a.add(transform(t)));
        }
        return o;
    }

    static StreamConfig fromJson(JsonNode n) {
        StreamConfig.Builder b = StreamConfig.builder(Json.str(n, "name"))
            .description(Json.str(n, "description"))
            .subjects(Json.strings(n, "subjects"))
            .retention(Json.enumOf(RetentionPolicy.class, n, "retention", RetentionPolicy.LIMITS))
            .maxConsumers(Json.lng(n, "max_consumers", -1))
            .maxMessages(Json.lng(n, "max_msgs", -1))
            .maxBytes(Json.lng(n, "max_bytes", -1))
            .maxAge(Json.nanos(n, "max_age"))
            .maxMessagesPerSubject(Json.lng(n, "max_msgs_per_subject", -1))
            .maxMessageSize(Json.lng(n, "max_msg_size", -1))
            .discard(Json.enumOf(DiscardPolicy.class, n, "discard", DiscardPolicy.OLD))
            .storage(Json.enumOf(StorageType.class, n, "storage", StorageType.FILE))
            .replicas(Math.max(1, Json.integer(n, "num_replicas")))
            .noAck(Json.bool(n, "no_ack"))
            .duplicateWindow(Json.nanos(n, "duplicate_window"))
            .sealed(Json.bool(n, "sealed"))
            .denyDelete(Json.bool(n, "deny_delete"))
            .denyPurge(Json.bool(n, "deny_purge"))
            .allowRollup(Json.bool(n, "allow_rollup_hdrs"))
            .allowDirect(Json.bool(n, "allow_direct"))
            .mirrorDirect(Json.bool(n, "mirror_direct"))
            .discardNewPerSubject(Json.bool(n, "discard_new_per_subject"))
            .compression(Json.enumOf(Compression.class, n, "compression", Compression.NONE))
            .firstSequence(Json.lng(n, "first_seq"));
        JsonNode p = Json.child(n, "placement");
        if (p != null) {
            b.placement(new Placement(Json.str(p, "cluster"), Json.strings(p, "tags")));
        }
        JsonNode m = Json.child(n, "mirror");
        if (m != null) {
            b.mirror(sourceFromJson(m));
        }
        JsonNode s = Json.child(n, "sources");
        if (s != null && s.isArray()) {
            StreamSource[] all = new StreamSource[s.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = sourceFromJson(s.get(i));
            }
            b.sources(all);
        }
        JsonNode r = Json.child(n, "republish");
        if (r != null) {
            b.republish(new Republish(Json.str(r, "src"), Json.str(r, "dest"), Json.bool(r, "headers_only")));
        }
        JsonNode t = Json.child(n, "subject_transform");
        if (t != null) {
            b.subjectTransform(new SubjectTransform(Json.str(t, "src"), Json.str(t, "dest")));
        }
        Json.stringMap(n, "metadata").forEach(b::metadata);
        return b.build();
    }

    static StreamSource sourceFromJson(JsonNode n) {
        StreamSource.Builder b = StreamSource.builder(Json.str(n, "name"))
            .startSequence(Json.lng(n, "opt_start_seq"))
            .filterSubject(Json.str(n, "filter_subject"));
        Json.time(n, "opt_start_time").ifPresent(b::startTime);
        JsonNode x = Json.child(n, "external");
        if (x != null) {
            b.external(Json.str(x, "api"), Json.str(x, "deliver"));
        }
        JsonNode ts = Json.child(n, "subject_transforms");
        if (ts != null && ts.isArray()) {
            SubjectTransform[] all = new SubjectTransform[ts.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = new SubjectTransform(Json.str(ts.get(i), "src"), Json.str(ts.get(i), "dest"));
            }
            b.subjectTransforms(all);
        }
        return b.build();
    }
}
