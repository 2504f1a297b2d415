package dev.relay.nats.kv;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.jetstream.DiscardPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Interoperability: the bucket's stream and messages look exactly as ADR-8 and nats.go lay them out, and
 * a bucket created and written the way nats.go does (raw API request and raw publishes on the core
 * client) is read by this package.
 */
@NatsTest
@NatsServerOptions(jetStream = true)
class KeyValueWireIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamAndMessagesAreLaidOutAsAdr8Says(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String b = unique("wire");
            KeyValue kv = KeyValueManagement.of(js).create(KeyValueConfig.builder(b).history(5)
                .ttl(Duration.ofMinutes(1)).maxValueSize(1024).build());
            long put = kv.put("k.x", "v");
            long del = kv.delete("k.x");
            long purge = kv.purge("k.y");

            JsonNode cfg = rawStreamInfo(nc, "KV_" + b).get("config");
            assertThat(cfg.get("subjects").get(0).asText()).isEqualTo("$KV." + b + ".>");
            assertThat(cfg.get("max_msgs_per_subject").asLong()).isEqualTo(5);
            assertThat(cfg.get("max_msg_size").asLong()).isEqualTo(1024);
            assertThat(cfg.get("max_age").asLong()).isEqualTo(Duration.ofMinutes(1).toNanos());
            assertThat(cfg.get("duplicate_window").asLong()).isEqualTo(Duration.ofMinutes(1).toNanos());
            assertThat(cfg.get("allow_rollup_hdrs").asBoolean()).isTrue();
            assertThat(cfg.get("deny_delete").asBoolean()).isTrue();
            assertThat(cfg.get("allow_direct").asBoolean()).isTrue();
            assertThat(cfg.get("discard").asText()).isEqualTo("new");
            assertThat(cfg.get("max_msgs").asLong()).isEqualTo(-1);

            StoredMessage p = js.management().getMessage("KV_" + b, put);
            assertThat(p.subject()).isEqualTo("$KV." + b + ".k.x");
            assertThat(p.dataAsString()).isEqualTo("v");
            assertThat(p.headers() == null || p.headers().isEmpty()).isTrue();
            StoredMessage d = js.management().getMessage("KV_" + b, del);
            assertThat(d.headers().first("KV-Operation")).contains("DEL");
            assertThat(d.data()).isEmpty();
            StoredMessage u = js.management().getMessage("KV_" + b, purge);
            assertThat(u.headers().first("KV-Operation")).contains("PURGE");
            assertThat(u.headers().first("Nats-Rollup")).contains("sub");
        }
    }

    @Test
    void aBucketMadeAsNatsGoMakesItIsReadHere(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            String b = unique("gomade");
            // the stream create request nats.go's CreateKeyValue sends for history 3
            String create = "{\"name\":\"KV_" + b + "\",\"subjects\":[\"$KV." + b + ".>\"],\"retention\":\"limits\","
                + "\"max_consumers\":-1,\"max_msgs_per_subject\":3,\"max_msgs\":-1,\"max_bytes\":-1,\"max_age\":0,"
                + "\"max_msg_size\":-1,\"storage\":\"file\",\"discard\":\"new\",\"num_replicas\":1,"
                + "\"duplicate_window\":120000000000,\"allow_rollup_hdrs\":true,\"deny_delete\":true,"
                + "\"allow_direct\":true,\"mirror_direct\":false,\"sealed\":false,\"deny_purge\":false}";
            Message reply = nc.request("$JS.API.STREAM.CREATE.KV_" + b, create, WAIT);
            assertThat(JSON.readTree(reply.data()).has("error")).isFalse();
            // raw publishes, headers as nats.go writes them
            ack(nc, "$KV." + b + ".name", null, "first");
            ack(nc, "$KV." + b + ".name", null, "second");
            ack(nc, "$KV." + b + ".gone", null, "x");
            ack(nc, "$KV." + b + ".gone", Headers.of("KV-Operation", "DEL"), "");

            KeyValue kv = KeyValue.of(JetStream.of(nc), b);
            assertThat(kv.get("name").valueAsString()).isEqualTo("second");
            assertThat(kv.history("name")).hasSize(2);
            assertThat(kv.history("gone").get(1).operation()).isEqualTo(KeyValueOperation.DELETE);
            try (var keys = kv.keys()) {
                assertThat(keys.toList()).containsExactly("name");
            }
            KeyValueStatus st = kv.status();
            assertThat(st.config().history()).isEqualTo(3);
            assertThat(st.config().toStreamConfig().discard()).isEqualTo(DiscardPolicy.NEW);
            StreamConfig ours = KeyValueConfig.builder(b).history(3).build().toStreamConfig();
            assertThat(st.streamInfo().config().subjects()).isEqualTo(ours.subjects());
            assertThat(st.streamInfo().config().duplicateWindow()).isEqualTo(ours.duplicateWindow());
        }
    }

    private static void ack(Connection nc, String subject, Headers headers, String body) throws Exception {
        Message m = nc.request(subject, headers, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(JSON.readTree(m.data()).has("seq")).isTrue();
    }

    private static JsonNode rawStreamInfo(Connection nc, String stream) throws Exception {
        return JSON.readTree(nc.request("$JS.API.STREAM.INFO." + stream, "", WAIT).data());
    }
}
