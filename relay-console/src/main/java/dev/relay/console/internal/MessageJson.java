package dev.relay.console.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns message parts into the console's JSON: headers as {@code {"K": ["v1", "v2"]}}, the payload
 * as text under one name when it is valid UTF-8, else base64 under that name plus {@code _b64}.
 * Stateless; thread-safe.
 */
final class MessageJson {

    private MessageJson() {
    }

    /**
     * Adds the payload: {@code name} (UTF-8 text) or {@code name_b64} (base64), and {@code size}.
     *
     * @param json where to add it
     * @param name the field name for text, e.g. {@code payload} or {@code data}
     * @param data the payload bytes
     */
    static void putPayload(ObjectNode json, String name, byte[] data) {
        String text = utf8(data);
        if (text != null) {
            json.put(name, text);
        } else {
            json.put(name + "_b64", Base64.getEncoder().encodeToString(data));
        }
        json.put("size", data.length);
    }

    /**
     * The headers as a JSON object, status line included as {@code status} / {@code description}
     * fields of the object the caller builds (not here).
     *
     * @param headers the headers
     * @return {@code {"K": ["v1", "v2"]}}
     */
    static ObjectNode headers(Headers headers) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            var values = out.putArray(e.getKey());
            e.getValue().forEach(values::add);
        }
        return out;
    }

    /** The text if the bytes are valid UTF-8, else null. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
