package dev.relay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.kv.KeyValueEntry;
import dev.relay.nats.objectstore.ObjectInfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One-line JSON forms of Key-Value entries and object infos for {@code --json}: a value that is valid
 * UTF-8 goes in {@code value}, anything else base64 in {@code value_b64}. Stateless; thread-safe.
 */
final class KvObjJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KvObjJson() {
    }

    static String entry(KeyValueEntry e) {
        ObjectNode n = JSON.createObjectNode().put("bucket", e.bucket()).put("key", e.key())
            .put("revision", e.revision()).put("created", e.created().toString()).put("delta", e.delta())
            .put("operation", e.operation().name());
        try {
            n.put("value", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(e.value())).toString());
        } catch (CharacterCodingException notText) {
            n.put("value_b64", Base64.getEncoder().encodeToString(e.value()));
        }
        return n + "\n";
    }

    static String object(ObjectInfo i) {
        ObjectNode n = JSON.createObjectNode().put("bucket", i.bucket()).put("name", i.name())
            .put("description", i.meta().description()).put("size", i.size()).put("chunks", i.chunks())
            .put("digest", i.digest()).put("modified", i.modified().toString()).put("nuid", i.nuid())
            .put("deleted", i.deleted());
        ObjectNode h = n.putObject("headers");
        i.meta().headers().forEach((k, v) -> v.forEach(h.putArray(k)::add));
        ObjectNode md = n.putObject("metadata");
        i.meta().metadata().forEach(md::put);
        i.meta().link().ifPresent(l -> n.putObject("link").put("bucket", l.bucket()).put("name", l.name()));
        return n + "\n";
    }
}
