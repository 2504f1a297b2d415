package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reads the API's info answers (stream, consumer, account, publish ack, stored message). Stateless. */
final class InfoJson {
    private InfoJson() {
    }

    static StreamInfo streamInfo(JsonNode n) {
        JsonNode s = n.path("state");
        List<Long> deleted = new ArrayList<>();
        s.path("deleted").forEach(d -> deleted.add(d.asLong()));
        StreamState state = new StreamState(Json.lng(s, "messages"), Json.lng(s, "bytes"), Json.lng(s, "first_seq"),
            Json.timeOrEpoch(s, "first_ts"), Json.lng(s, "last_seq"), Json.timeOrEpoch(s, "last_ts"),
            Json.lng(s, "consumer_count"), Json.lng(s, "num_deleted"), deleted, Json.lng(s, "num_subjects"),
            Json.longMap(s, "subjects"));
        List<StreamSourceInfo> sources = new ArrayList<>();
        n.path("sources").forEach(x -> sources.add(sourceInfo(x)));
        JsonNode mirror = Json.child(n, "mirror");
        return new StreamInfo(StreamConfigJson.fromJson(n.path("config")), Json.timeOrEpoch(n, "created"), state,
            cluster(n), Optional.ofNullable(mirror).map(InfoJson::sourceInfo), sources);
    }

    private static StreamSourceInfo sourceInfo(JsonNode n) {
        JsonNode err = Json.child(n, "error");
        return new StreamSourceInfo(Json.str(n, "name"), Json.lng(n, "lag"), Json.nanos(n, "active"),
            err == null ? "" : Json.str(err, "description"));
    }

    private static Optional<ClusterInfo> cluster(JsonNode n) {
        JsonNode c = Json.child(n, "cluster");
        if (c == null) {
            return Optional.empty();
        }
        List<ClusterInfo.Replica> replicas = new ArrayList<>();
        c.path("replicas").forEach(r -> replicas.add(new ClusterInfo.Replica(Json.str(r, "name"),
            Json.bool(r, "current"), Json.bool(r, "offline"), Json.nanos(r, "active"), Json.lng(r, "lag"))));
        return Optional.of(new ClusterInfo(Json.str(c, "name"), Json.str(c, "leader"), replicas));
    }

    static ConsumerInfo consumerInfo(JsonNode n) {
        return new ConsumerInfo(Json.str(n, "stream_name"), Json.str(n, "name"), Json.timeOrEpoch(n, "created"),
            ConsumerConfigJson.fromJson(n.path("config")), sequence(n.path("delivered")), sequence(n.path("ack_floor")),
            Json.lng(n, "num_ack_pending"), Json.lng(n, "num_redelivered"), Json.lng(n, "num_waiting"),
            Json.lng(n, "num_pending"), cluster(n), Json.bool(n, "push_bound"));
    }

    private static SequenceInfo sequence(JsonNode n) {
        return new SequenceInfo(Json.lng(n, "consumer_seq"), Json.lng(n, "stream_seq"), Json.time(n, "last_active"));
    }

    static AccountInfo accountInfo(JsonNode n) {
        JsonNode l = n.path("limits");
        JsonNode a = n.path("api");
        return new AccountInfo(Json.lng(n, "memory"), Json.lng(n, "storage"), Json.lng(n, "streams"),
            Json.lng(n, "consumers"), Json.str(n, "domain"),
            new AccountInfo.Limits(Json.lng(l, "max_memory"), Json.lng(l, "max_storage"), Json.lng(l, "max_streams"),
                Json.lng(l, "max_consumers"), Json.lng(l, "max_ack_pending"), Json.lng(l, "memory_max_stream_bytes"),
                Json.lng(l, "storage_max_stream_bytes"), Json.bool(l, "max_bytes_required")),
            new AccountInfo.ApiStats(Json.lng(a, "total"), Json.lng(a, "errors")));
    }

    static PublishAck publishAck(JsonNode n) {
        return new PublishAck(Json.str(n, "stream"), Json.lng(n, "seq"), Json.bool(n, "duplicate"), Json.str(n, "domain"));
    }

    /** Reads {@code {"message": {subject, seq, hdrs, data, time}}}; hdrs and data are base64. */
    static StoredMessage storedMessage(String stream, JsonNode n) {
        JsonNode m = n.path("message");
        String hdrs = Json.str(m, "hdrs");
        String data = Json.str(m, "data");
        Headers headers = hdrs.isEmpty() ? new Headers()
            : HeaderBlock.parse(new String(Base64.getDecoder().decode(hdrs), StandardCharsets.UTF_8));
        return new StoredMessage(stream, Json.str(m, "subject"), Json.lng(m, "seq"), Json.timeOrEpoch(m, "time"),
            headers, data.isEmpty() ? new byte[0] : Base64.getDecoder().decode(data));
    }
}
