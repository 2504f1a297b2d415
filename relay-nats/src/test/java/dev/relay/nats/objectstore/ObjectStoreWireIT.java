package dev.relay.nats.objectstore;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.objectstore.ObjClients.digestOf;
import static dev.relay.nats.objectstore.ObjClients.random;
import static dev.relay.nats.objectstore.ObjClients.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Interoperability: the stream, subjects, headers and meta JSON are what ADR-20 and nats.go use, and an
 * object written the way nats.go writes it (raw API request and raw publishes) is read here.
 */
@NatsTest
@NatsServerOptions(jetStream = true)
class ObjectStoreWireIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void layoutIsAsAdr20Says(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String b = JsClients.unique("owire");
            ObjectStore os = ObjectStoreManagement.of(js).create(ObjectStoreConfig.builder(b).build());
            byte[] data = random(200_000, 9);
            ObjectInfo info = os.put(ObjectMeta.builder("a").description("d").header("Content-Type", "text/plain")
                .build(), new java.io.ByteArrayInputStream(data));

            JsonNode cfg = JSON.readTree(nc.request("$JS.API.STREAM.INFO.OBJ_" + b, "", WAIT).data()).get("config");
            assertThat(cfg.get("subjects").toString()).isEqualTo("[\"$O." + b + ".C.>\",\"$O." + b + ".M.>\"]");
            assertThat(cfg.get("discard").asText()).isEqualTo("new");
            assertThat(cfg.get("allow_rollup_hdrs").asBoolean()).isTrue();
            assertThat(cfg.get("allow_direct").asBoolean()).isTrue();

            // "a" encodes to the padded base64url "YQ==", as Go's base64.URLEncoding writes it
            StoredMessage meta = js.management().getLastMessage("OBJ_" + b, "$O." + b + ".M.YQ==");
            assertThat(meta.headers().first("Nats-Rollup")).contains("sub");
            JsonNode m = JSON.readTree(meta.data());
            assertThat(m.get("name").asText()).isEqualTo("a");
            assertThat(m.get("description").asText()).isEqualTo("d");
            assertThat(m.get("headers").get("Content-Type").get(0).asText()).isEqualTo("text/plain");
            assertThat(m.get("options").get("max_chunk_size").asInt()).isEqualTo(128 * 1024);
            assertThat(m.get("bucket").asText()).isEqualTo(b);
            assertThat(m.get("nuid").asText()).isEqualTo(info.nuid());
            assertThat(m.get("size").asLong()).isEqualTo(200_000);
            assertThat(m.get("chunks").asLong()).isEqualTo(2);
            assertThat(m.get("digest").asText()).isEqualTo(digestOf(data));
            assertThat(m.has("mtime")).isTrue();
            assertThat(m.has("deleted")).isFalse();
            StoredMessage first = js.management().getNextMessage("OBJ_" + b, 1, "$O." + b + ".C." + info.nuid());
            assertThat(first.data()).isEqualTo(Arrays.copyOf(data, 128 * 1024));
        }
    }

    @Test
    void anObjectWrittenAsNatsGoWritesItIsReadHere(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            String b = JsClients.unique("gobj");
            String create = "{\"name\":\"OBJ_" + b + "\",\"subjects\":[\"$O." + b + ".C.>\",\"$O." + b + ".M.>\"],"
                + "\"retention\":\"limits\",\"max_consumers\":-1,\"max_msgs\":-1,\"max_bytes\":-1,\"max_age\":0,"
                + "\"max_msgs_per_subject\":-1,\"max_msg_size\":-1,\"storage\":\"file\",\"discard\":\"new\","
                + "\"num_replicas\":1,\"duplicate_window\":120000000000,\"allow_rollup_hdrs\":true,\"allow_direct\":true,"
                + "\"deny_delete\":false,\"deny_purge\":false,\"sealed\":false,\"mirror_direct\":false}";
            assertThat(JSON.readTree(nc.request("$JS.API.STREAM.CREATE.OBJ_" + b, create, WAIT).data()).has("error"))
                .isFalse();
            byte[] data = random(10, 11);
            String nuid = "kQ3bGJJ1LJ7a2Tq3xW0m9A";
            ack(nc, "$O." + b + ".C." + nuid, null, Arrays.copyOf(data, 6));
            ack(nc, "$O." + b + ".C." + nuid, null, Arrays.copyOfRange(data, 6, 10));
            String meta = "{\"name\":\"dir/file.txt\",\"headers\":{\"X\":[\"1\",\"2\"]},\"options\":{\"max_chunk_size\":6},"
                + "\"bucket\":\"" + b + "\",\"nuid\":\"" + nuid + "\",\"size\":10,\"mtime\":\"0001-01-01T00:00:00Z\","
                + "\"chunks\":2,\"digest\":\"" + digestOf(data) + "\"}";
            String encoded = java.util.Base64.getUrlEncoder().encodeToString("dir/file.txt".getBytes(StandardCharsets.UTF_8));
            ack(nc, "$O." + b + ".M." + encoded, Headers.of("Nats-Rollup", "sub"), meta.getBytes(StandardCharsets.UTF_8));

            ObjectStore os = ObjectStore.of(JetStream.of(nc), b);
            ObjectInfo info = os.info("dir/file.txt");
            assertThat(info.size()).isEqualTo(10);
            assertThat(info.meta().chunkSize()).isEqualTo(6);
            assertThat(info.meta().headers().get("X")).containsExactly("1", "2");
            assertThat(info.modified().getEpochSecond()).isGreaterThan(0);
            assertThat(readAll(os.get("dir/file.txt"))).isEqualTo(data);
            assertThat(os.list()).extracting(ObjectInfo::name).containsExactly("dir/file.txt");
        }
    }

    private static void ack(Connection nc, String subject, Headers headers, byte[] body) throws Exception {
        Message m = nc.request(subject, headers, body, WAIT);
        assertThat(JSON.readTree(m.data()).has("seq")).isTrue();
    }
}
