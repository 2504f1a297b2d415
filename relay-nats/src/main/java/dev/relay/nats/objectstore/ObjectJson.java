package dev.relay.nats.objectstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.NatsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an object's meta message, field for field as nats.go writes it (ADR-20):
 * <pre>
 * {"name":…, "description":…, "headers":{"K":["v"]}, "metadata":{…},
 *  "options":{"link":{"bucket":…,"name":…}, "max_chunk_size":131072},
 *  "bucket":…, "nuid":…, "size":…, "mtime":"0001-01-01T00:00:00Z", "chunks":…, "digest":"SHA-256=…", "deleted":true}
 * </pre>
 * Empty optional fields are left out; {@code mtime} is written as Go's zero time because readers take the
 * time of the meta message instead, as nats.go does. Stateless.
 */
final class ObjectJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private ObjectJson() {
    }

    static byte[] write(ObjectInfo info) {
        ObjectMeta m = info.meta();
        ObjectNode n = MAPPER.createObjectNode().put("name", m.name());
        if (!m.description().isEmpty()) {
            n.put("description", m.description());
        }
        if (!m.headers().isEmpty()) {
            ObjectNode h = n.putObject("headers");
            m.headers().forEach((k, v) -> {
                ArrayNode a = h.putArray(k);
                v.forEach(a::add);
            });
        }
        if (!m.metadata().isEmpty()) {
            ObjectNode md = n.putObject("metadata");
            m.metadata().forEach(md::put);
        }
        ObjectNode opts = MAPPER.createObjectNode();
        m.link().ifPresent(l -> {
            ObjectNode link = opts.putObject("link").put("bucket", l.bucket());
            if (!l.name().isEmpty()) {
                link.put("name", l.name());
            }
        });
        if (m.link().isEmpty()) {
            opts.put("max_chunk_size", m.chunkSize());
        }
        n.set("options", opts);
        n.put("bucket", info.bucket()).put("nuid", info.nuid()).put("size", info.size()).put("mtime", ZERO_TIME)
            .put("chunks", info.chunks());
        if (!info.digest().isEmpty()) {
            n.put("digest", info.digest());
        }
        if (info.deleted()) {
            n.put("deleted", true);
        }
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write object meta JSON", e);
        }
    }

    static ObjectInfo read(byte[] json, Instant modified) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new NatsException("object meta is not valid JSON: " + e.getMessage(), e);
        }
        ObjectMeta.Builder b = ObjectMeta.builder(n.path("name").asText()).description(n.path("description").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            b.header(e.getKey(), values.toArray(String[]::new));
        }
        n.path("metadata").fields().forEachRemaining(e -> b.metadata(e.getKey(), e.getValue().asText()));
        JsonNode opts = n.path("options");
        int chunk = opts.path("max_chunk_size").asInt(0);
        b.chunkSize(chunk > 0 ? chunk : ObjectMeta.DEFAULT_CHUNK_SIZE);
        JsonNode link = opts.path("link");
        if (link.isObject()) {
            b.link(new ObjectLink(link.path("bucket").asText(), link.path("name").asText("")));
        }
        return new ObjectInfo(b.build(), n.path("bucket").asText(), n.path("nuid").asText(), n.path("size").asLong(),
            modified, n.path("chunks").asLong(), n.path("digest").asText(""), n.path("deleted").asBoolean(false));
    }
}
