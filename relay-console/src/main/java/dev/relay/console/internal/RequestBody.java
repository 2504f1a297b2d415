package dev.relay.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON object of an API call's body, with typed getters that fail with a 400 naming the field
 * (missing, wrong type, malformed) instead of a null or a 500. Confined to the thread handling the call.
 */
final class RequestBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode json;

    private RequestBody(ObjectNode json) {
        this.json = json;
    }

    /**
     * Parses a body.
     *
     * @param body the UTF-8 bytes of the request body
     * @return the body
     * @throws ApiException 400 {@code malformed_json} if it is not one JSON object
     */
    static RequestBody parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("malformed_json", "body", "body: expected a JSON object, got nothing");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("malformed_json", "body", "body: expected a JSON object");
            }
            return new RequestBody((ObjectNode) node);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "body",
                    "body: malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("malformed_json", "body", "body: unreadable: " + e.getMessage());
        }
    }

    /**
     * A required string.
     *
     * @param field its name
     * @return the value
     * @throws ApiException 400 {@code missing_field} or {@code invalid_field}
     */
    String text(String field) {
        return optionalText(field).orElseThrow(() -> ApiException.badRequest("missing_field", field,
                field + ": required"));
    }

    /**
     * An optional string; JSON {@code null} counts as absent.
     *
     * @param field its name
     * @return the value, if present
     * @throws ApiException 400 {@code invalid_field} if present but not a string
     */
    Optional<String> optionalText(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", field, field + ": expected a string, got " + node.getNodeType());
        }
        return Optional.of(node.textValue());
    }

    /**
     * An optional whole number within bounds.
     *
     * @param field its name
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value, if present
     * @throws ApiException 400 {@code invalid_field} if not a whole number in range
     */
    Optional<Long> optionalLong(String field, long min, long max) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < min || node.longValue() > max) {
            throw ApiException.badRequest("invalid_field", field,
                    field + ": expected a whole number from " + min + " to " + max + ", got " + node);
        }
        return Optional.of(node.longValue());
    }

    /**
     * The payload: {@code message} as UTF-8 text, or {@code message_b64} as base64 bytes; exactly one.
     *
     * @param maxPayload the server's limit in bytes
     * @return the bytes
     * @throws ApiException 400 {@code missing_field}, {@code invalid_field} or {@code payload_too_large}
     */
    byte[] payload(long maxPayload) {
        Optional<String> text = optionalText("message");
        Optional<String> b64 = optionalText("message_b64");
        if (text.isPresent() && b64.isPresent()) {
            throw ApiException.badRequest("invalid_field", "message_b64", "message_b64: give either message or message_b64, not both");
        }
        byte[] data;
        String field = b64.isPresent() ? "message_b64" : "message";
        if (b64.isPresent()) {
            try {
                data = Base64.getDecoder().decode(b64.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_field", field, field + ": not valid base64: " + e.getMessage());
            }
        } else {
            data = text.orElseThrow(() -> ApiException.badRequest("missing_field", "message",
                    "message: required (or message_b64 for binary payloads)")).getBytes(StandardCharsets.UTF_8);
        }
        if (data.length > maxPayload) {
            throw ApiException.badRequest("payload_too_large", field,
                    field + ": " + data.length + " bytes is over the server's max_payload of " + maxPayload);
        }
        return data;
    }

    /**
     * Optional headers: {@code {"K": "v"}} or {@code {"K": ["v1", "v2"]}}.
     *
     * @param field its name
     * @return the headers, empty when absent
     * @throws ApiException 400 {@code invalid_field} for a bad shape, name or value
     */
    Headers headers(String field) {
        Headers headers = new Headers();
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("invalid_field", field, field + ": expected an object of name: value(s)");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (e.getValue().isTextual()) {
                    headers.add(e.getKey(), e.getValue().textValue());
                } else if (e.getValue().isArray()) {
                    for (JsonNode v : e.getValue()) {
                        if (!v.isTextual()) {
                            throw new IllegalArgumentException("values must be strings");
                        }
                        headers.add(e.getKey(), v.textValue());
                    }
                } else {
                    throw new IllegalArgumentException("value must be a string or an array of strings");
                }
            } catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("invalid_field", field, field + ": header '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return headers;
    }
}
