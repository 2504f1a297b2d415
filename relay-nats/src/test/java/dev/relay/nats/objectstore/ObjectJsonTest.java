package dev.relay.nats.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The meta JSON and the subject names of ADR-20, without a server. */
class ObjectJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void metaJsonHasTheFieldsNatsGoWrites() throws Exception {
        ObjectMeta meta = ObjectMeta.builder("a/b.txt").description("d").header("K", "1", "2").metadata("m", "v")
            .chunkSize(1024).build();
        ObjectInfo info = new ObjectInfo(meta, "files", "N1", 3000, T, 3, "SHA-256=abc=", false);
        JsonNode n = JSON.readTree(ObjectJson.write(info));
        assertThat(n.get("name").asText()).isEqualTo("a/b.txt");
        assertThat(n.get("description").asText()).isEqualTo("d");
        assertThat(n.get("headers").get("K").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(n.get("metadata").get("m").asText()).isEqualTo("v");
        assertThat(n.get("options").get("max_chunk_size").asInt()).isEqualTo(1024);
        assertThat(n.get("bucket").asText()).isEqualTo("files");
        assertThat(n.get("nuid").asText()).isEqualTo("N1");
        assertThat(n.get("size").asLong()).isEqualTo(3000);
        assertThat(n.get("chunks").asLong()).isEqualTo(3);
        assertThat(n.get("digest").asText()).isEqualTo("SHA-256=abc=");
        assertThat(n.get("mtime").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(n.has("deleted")).isFalse();
        assertThat(ObjectJson.read(ObjectJson.write(info), T)).isEqualTo(info);
    }

    @Test
    void linksAndDeletesLeaveOutWhatIsEmpty() throws Exception {
        ObjectMeta link = ObjectMeta.builder("l").link(new ObjectLink("other", "")).build();
        ObjectInfo info = new ObjectInfo(link, "files", "N2", 0, T, 0, "", true);
        JsonNode n = JSON.readTree(ObjectJson.write(info));
        assertThat(n.get("options").toString()).isEqualTo("{\"link\":{\"bucket\":\"other\"}}");
        assertThat(n.has("digest") || n.has("description") || n.has("headers")).isFalse();
        assertThat(n.get("deleted").asBoolean()).isTrue();
        ObjectInfo back = ObjectJson.read(ObjectJson.write(info), T);
        assertThat(back.meta().link().orElseThrow().isBucketLink()).isTrue();
        assertThat(back.deleted()).isTrue();
    }

    @Test
    void readsMetaWrittenByOtherClients() {
        String go = "{\"name\":\"x\",\"options\":{\"link\":{\"bucket\":\"b2\",\"name\":\"y\"}},\"bucket\":\"b\","
            + "\"nuid\":\"Q\",\"size\":0,\"mtime\":\"2024-01-01T00:00:00.123456789Z\",\"chunks\":0}";
        ObjectInfo i = ObjectJson.read(go.getBytes(StandardCharsets.UTF_8), T);
        assertThat(i.isLink()).isTrue();
        assertThat(i.meta().link().orElseThrow()).isEqualTo(new ObjectLink("b2", "y"));
        assertThat(i.meta().chunkSize()).isEqualTo(ObjectMeta.DEFAULT_CHUNK_SIZE);
        assertThat(i.modified()).isEqualTo(T);
    }

    @Test
    void subjectsAndNames() {
        assertThat(Names.metaSubject("b", "a")).isEqualTo("$O.b.M.YQ==");
        assertThat(Names.metaSubject("b", "ab?")).isEqualTo("$O.b.M.YWI_");
        assertThat(Names.chunkSubject("b", "N")).isEqualTo("$O.b.C.N");
        assertThat(Names.nuid()).hasSize(22).matches("[0-9A-Za-z]+").isNotEqualTo(Names.nuid());
        assertThat(new ObjectStoreConfig("b", "", java.time.Duration.ZERO, -1,
            dev.relay.nats.jetstream.StorageType.FILE, 1, dev.relay.nats.jetstream.Compression.NONE).toStreamConfig()
            .subjects()).containsExactly("$O.b.C.>", "$O.b.M.>");
    }
}
