package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.NatsException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and writing the JetStream API's JSON by hand: durations are integer nanoseconds, times are
 * RFC 3339 strings (Go's zero time means "not set"), enums are lower-case names. Absent fields read as
 * their zero value, so newer servers' extra fields and older servers' missing ones are both fine.
 * Stateless; thread-safe.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(byte[] data) {
        try {
            JsonNode n = MAPPER.readTree(data);
            if (n == null || !n.isObject()) {
                throw new NatsException("JetStream API answered with something that is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new NatsException("JetStream API answered with invalid JSON: " + e.getMessage().split("\n")[0], e);
        }
    }

    static JsonNode parseConfig(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("json: a configuration must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("json: not valid JSON (" + e.getMessage().split("\n")[0] + ")", e);
        }
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? 0 : v.asLong();
    }

    static long lng(JsonNode n, String field, long absent) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? absent : v.asLong();
    }

    static int integer(JsonNode n, String field) {
        return (int) lng(n, field);
    }

    static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.asBoolean();
    }

    static Duration nanos(JsonNode n, String field) {
        return Duration.ofNanos(lng(n, field));
    }

    static Optional<Instant> time(JsonNode n, String field) {
        String s = str(n, field);
        if (s.isEmpty() || s.equals(GO_ZERO_TIME)) {
            return Optional.empty();
        }
        return Optional.of(OffsetDateTime.parse(s).toInstant());
    }

    static Instant timeOrEpoch(JsonNode n, String field) {
        return time(n, field).orElse(Instant.EPOCH);
    }

    static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    static List<Duration> durations(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<Duration> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(Duration.ofNanos(e.asLong())));
        return List.copyOf(out);
    }

    static Map<String, String> stringMap(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return java.util.Collections.unmodifiableMap(out);
    }

    static Map<String, Long> longMap(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            return Map.of();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return java.util.Collections.unmodifiableMap(out);
    }

    static JsonNode child(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String field, E absent) {
        String s = str(n, field);
        if (s.isEmpty()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NatsException("JetStream API sent an unknown " + field + " value '" + s + "'", e);
        }
    }

    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static void putNanos(ObjectNode n, String field, Duration d) {
        n.put(field, d.toNanos());
    }

    static void putTime(ObjectNode n, String field, Instant t) {
        n.put(field, t.toString());
    }

    static void putStrings(ObjectNode n, String field, Collection<String> values) {
        ArrayNode a = n.putArray(field);
        values.forEach(a::add);
    }

    /**
     * The metadata a client may send: without the keys nats-server 2.11+ owns ({@code _nats.ver},
     * {@code _nats.level}, {@code _nats.req.level}; ADR-44). The server adds them to every config it
     * returns and overwrites them on create and update, so a config read back from a server (or from
     * another, newer server) must not send them: the drift check would see them "changed", and a server
     * before 2.10 would refuse metadata the user never set.
     */
    static Map<String, String> userMetadata(Map<String, String> metadata) {
        Map<String, String> user = new LinkedHashMap<>();
        metadata.forEach((k, val) -> {
            if (!k.startsWith("_nats.")) {
                user.put(k, val);
            }
        });
        return user;
    }

    static void putStringMap(ObjectNode n, String field, Map<String, String> values) {
        ObjectNode o = n.putObject(field);
        values.forEach(o::put);
    }

    static void putIfNotEmpty(ObjectNode n, String field, String value) {
        if (!value.isEmpty()) {
            n.put(field, value);
        }
    }
}
