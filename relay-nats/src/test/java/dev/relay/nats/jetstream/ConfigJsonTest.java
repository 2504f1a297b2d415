package dev.relay.nats.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config JSON both ways, version gating and detection of settings the server dropped, without a server. */
class ConfigJsonTest {
    private static final ServerVersion V29 = ServerVersion.parse("2.9.10");
    private static final ServerVersion V210 = ServerVersion.parse("v2.10.3-beta");

    @Test
    void streamConfigRoundTripsThroughJson() {
        StreamConfig cfg = StreamConfig.builder("S").subjects("a", "b.>").retention(RetentionPolicy.WORKQUEUE)
            .maxAge(Duration.ofMinutes(3)).duplicateWindow(Duration.ofSeconds(9)).storage(StorageType.MEMORY)
            .placement(new Placement("east", java.util.List.of("ssd")))
            .sources(StreamSource.builder("O").startSequence(4).filterSubject("o.*").external("$JS.hub.API", "").build())
            .republish(new Republish("a", "copy.a", false)).allowDirect(true).denyPurge(true).build();
        ObjectNode json = StreamConfigJson.toJson(cfg, V29);
        assertThat(json.get("max_age").asLong()).isEqualTo(Duration.ofMinutes(3).toNanos());
        assertThat(json.get("retention").asText()).isEqualTo("workqueue");
        assertThat(json.has("compression")).isFalse();
        assertThat(StreamConfigJson.fromJson(json)).isEqualTo(cfg);
    }

    @Test
    void consumerConfigRoundTripsThroughJson() {
        ConsumerConfig cfg = ConsumerConfig.builder().durable("d").startTime(Instant.parse("2024-05-01T10:00:00.5Z"))
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)).maxDeliver(5).filterSubject("x.>")
            .replayPolicy(ReplayPolicy.ORIGINAL).deliverSubject("d.x").flowControl(true)
            .idleHeartbeat(Duration.ofSeconds(5)).build();
        ObjectNode json = ConsumerConfigJson.toJson(cfg, V29);
        assertThat(json.get("deliver_policy").asText()).isEqualTo("by_start_time");
        assertThat(json.get("opt_start_time").asText()).isEqualTo("2024-05-01T10:00:00.500Z");
        assertThat(ConsumerConfigJson.fromJson(json)).isEqualTo(cfg);
    }

    @Test
    void fieldsOf210AreWrittenOnlyForA210Server() {
        ConsumerConfig cfg = ConsumerConfig.builder().filterSubjects("a", "b").metadata("k", "v").build();
        assertThatThrownBy(() -> ConsumerConfigJson.toJson(cfg, V29)).isInstanceOf(JetStreamUnsupportedException.class)
            .hasMessageContaining("filter_subjects").hasMessageContaining("2.10.0").hasMessageContaining("2.9.10");
        JsonNode json = ConsumerConfigJson.toJson(cfg, V210);
        assertThat(json.get("filter_subjects")).hasSize(2);
        assertThat(json.get("metadata").get("k").asText()).isEqualTo("v");

        StreamConfig s = StreamConfig.builder("S").sources(StreamSource.builder("O")
            .subjectTransforms(new SubjectTransform("a", "b")).build()).build();
        assertThatThrownBy(() -> StreamConfigJson.toJson(s, V29)).isInstanceOf(JetStreamUnsupportedException.class)
            .hasMessageContaining("subject_transforms");
        assertThat(StreamConfigJson.toJson(s, V210).get("sources").get(0).has("subject_transforms")).isTrue();
    }

    @Test
    void theServersOwnMetadataKeysAreNeverSentBack() {
        // a config read from nats-server 2.11+ carries its _nats.* keys (ADR-44); the server owns them
        StreamConfig s = StreamConfig.builder("S").metadata("team", "a").metadata("_nats.ver", "2.15.3")
            .metadata("_nats.req.level", "0").build();
        assertThat(StreamConfigJson.toJson(s, V210).get("metadata").properties()).extracting(Map.Entry::getKey)
            .containsExactly("team");
        ConsumerConfig c = ConsumerConfig.builder().durable("d").metadata("_nats.level", "1").build();
        assertThat(ConsumerConfigJson.toJson(c, V29).has("metadata")).isFalse(); // nothing of the user's: no 2.10 needed
        assertThat(StreamConfigJson.toJson(StreamConfig.builder("S").metadata("_nats.ver", "2.15.3").build(), V29)
            .has("metadata")).isFalse();
    }

    @Test
    void aFieldTheServerDroppedOrChangedFailsLoudly() {
        ObjectNode sent = Json.object().put("name", "S").put("max_msgs", 10).put("allow_direct", true).put("no_ack", false);
        sent.putObject("republish").put("src", "a").put("dest", "b");
        ObjectNode stored = sent.deepCopy();
        stored.put("extra_server_field", 1).put("no_ack", false);
        ConfigDrift.check("stream S", sent, stored, V29);

        ObjectNode dropped = stored.deepCopy();
        dropped.remove("allow_direct");
        assertThatThrownBy(() -> ConfigDrift.check("stream S", sent, dropped, V29))
            .isInstanceOf(JetStreamUnsupportedException.class).hasMessageContaining("ignored 'allow_direct'")
            .satisfies(e -> assertThat(((JetStreamUnsupportedException) e).field()).isEqualTo("allow_direct"));

        ObjectNode changed = stored.deepCopy();
        changed.put("max_msgs", 5);
        assertThatThrownBy(() -> ConfigDrift.check("stream S", sent, changed, V29))
            .isInstanceOf(JetStreamUnsupportedException.class).hasMessageContaining("changed 'max_msgs' to 5");

        ObjectNode nested = stored.deepCopy();
        ((ObjectNode) nested.get("republish")).remove("dest");
        assertThatThrownBy(() -> ConfigDrift.check("stream S", sent, nested, V29))
            .isInstanceOf(JetStreamUnsupportedException.class).hasMessageContaining("republish");
    }

    @Test
    void zeroValuesAreLeftToServerDefaultsAndTimesCompareAsInstants() {
        ObjectNode sent = Json.object().put("max_ack_pending", 0).put("description", "")
            .put("opt_start_time", "2024-05-01T10:00:00.500Z");
        ObjectNode stored = Json.object().put("max_ack_pending", 1000).put("opt_start_time", "2024-05-01T12:00:00.5+02:00");
        ConfigDrift.check("consumer S > c", sent, stored, V29);
    }

    @Test
    void publicJsonFormsRoundTripAndRejectGarbage() {
        StreamConfig s = StreamConfig.builder("S").subjects("a.>").maxMessages(9).metadata("k", "v").build();
        assertThat(StreamConfig.fromJson(s.toJson())).isEqualTo(s);
        ConsumerConfig c = ConsumerConfig.builder().durable("d").ackPolicy(AckPolicy.ALL).build();
        assertThat(ConsumerConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(StreamConfig.fromJson("{\"name\":\"X\",\"storage\":\"memory\"}").storage()).isEqualTo(StorageType.MEMORY);
        assertThatThrownBy(() -> StreamConfig.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamConfig.fromJson("{nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(ServerVersion.parse("2.10.0").atLeast(ServerVersion.parse("2.9.10"))).isTrue();
        assertThat(ServerVersion.parse("2.9.10").atLeast(ServerVersion.V2_10_0)).isFalse();
        assertThat(ServerVersion.parse("v2.11.0-RC.1").atLeast(ServerVersion.V2_11_0)).isTrue();
    }
}
