package dev.relay.rocketmq.internal.protocol;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.io.IOException;

/**
 * Reads the JSON bodies name servers and brokers send. Their fastjson output has unquoted integer
 * map keys ({@code {0:"host:port"}}) in some answers (cluster info always, routes for old client
 * versions), which strict parsers reject. Thread-safe.
 */
public final class LenientJson {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    private LenientJson() {
    }

    /**
     * @param body the bytes
     * @param what what they are, for the error message
     * @return the JSON object
     * @throws RocketMqProtocolException if the bytes are not a JSON object
     */
    public static JsonNode readObject(byte[] body, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new RocketMqProtocolException(what + " is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RocketMqProtocolException(what + " is not a JSON object");
        }
        return root;
    }
}
