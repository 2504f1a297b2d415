package dev.relay.nats.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of ADR-32's discovery responses, both ways: written by a running service, read by
 * {@link ServiceDiscovery}. Uses Jackson's tree model, so no type needs to be open to reflection.
 * Stateless; thread-safe.
 */
final class ServiceJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 200;

    private ServiceJson() {
    }

    static byte[] ping(PingResponse p) {
        return bytes(identity(PingResponse.TYPE, p.name(), p.id(), p.version(), p.metadata()));
    }

    static byte[] info(ServiceInfo i) {
        ObjectNode o = identity(ServiceInfo.TYPE, i.name(), i.id(), i.version(), i.metadata());
        o.put("description", i.description());
        ArrayNode endpoints = o.putArray("endpoints");
        for (EndpointInfo e : i.endpoints()) {
            ObjectNode n = endpoints.addObject();
            n.put("name", e.name());
            n.put("subject", e.subject());
            n.put("queue_group", e.queueGroup());
            n.set("metadata", map(e.metadata()));
        }
        return bytes(o);
    }

    static byte[] stats(ServiceStats s) {
        ObjectNode o = identity(ServiceStats.TYPE, s.name(), s.id(), s.version(), s.metadata());
        o.put("started", s.started().toString());
        ArrayNode endpoints = o.putArray("endpoints");
        for (EndpointStats e : s.endpoints()) {
            ObjectNode n = endpoints.addObject();
            n.put("name", e.name());
            n.put("subject", e.subject());
            n.put("queue_group", e.queueGroup());
            n.put("num_requests", e.requests());
            n.put("num_errors", e.errors());
            n.put("last_error", e.lastError());
            n.put("processing_time", e.processingTime().toNanos());
            n.put("average_processing_time", e.averageProcessingTime().toNanos());
            if (!e.data().isEmpty()) {
                n.set("data", tree(e.data()));
            }
        }
        return bytes(o);
    }

    /** Parses custom stats data; throws {@link IllegalArgumentException} if it is not JSON. */
    static String checkedData(String json) {
        return tree(json).toString();
    }

    static PingResponse readPing(byte[] data) {
        JsonNode o = parse(data, PingResponse.TYPE);
        return new PingResponse(text(o, "name"), text(o, "id"), text(o, "version"), strings(o.path("metadata")));
    }

    static ServiceInfo readInfo(byte[] data) {
        JsonNode o = parse(data, ServiceInfo.TYPE);
        List<EndpointInfo> endpoints = new ArrayList<>();
        for (JsonNode e : o.path("endpoints")) {
            endpoints.add(new EndpointInfo(text(e, "name"), text(e, "subject"), e.path("queue_group").asText(""),
                strings(e.path("metadata"))));
        }
        return new ServiceInfo(text(o, "name"), text(o, "id"), text(o, "version"), strings(o.path("metadata")),
            o.path("description").asText(""), endpoints);
    }

    static ServiceStats readStats(byte[] data) {
        JsonNode o = parse(data, ServiceStats.TYPE);
        List<EndpointStats> endpoints = new ArrayList<>();
        for (JsonNode e : o.path("endpoints")) {
            JsonNode custom = e.path("data");
            endpoints.add(new EndpointStats(text(e, "name"), text(e, "subject"), e.path("queue_group").asText(""),
                e.path("num_requests").asLong(), e.path("num_errors").asLong(), e.path("last_error").asText(""),
                Duration.ofNanos(e.path("processing_time").asLong()),
                Duration.ofNanos(e.path("average_processing_time").asLong()),
                custom.isMissingNode() || custom.isNull() ? "" : custom.toString()));
        }
        Instant started;
        try {
            started = Instant.parse(text(o, "started"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("started: not an ISO-8601 instant: " + o.path("started").asText(), e);
        }
        return new ServiceStats(text(o, "name"), text(o, "id"), text(o, "version"), strings(o.path("metadata")),
            started, endpoints);
    }

    private static ObjectNode identity(String type, String name, String id, String version, Map<String, String> metadata) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("name", name);
        o.put("id", id);
        o.put("version", version);
        o.set("metadata", map(metadata));
        return o;
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode o = JSON.createObjectNode();
        m.forEach(o::put);
        return o;
    }

    private static JsonNode parse(byte[] data, String type) {
        JsonNode o;
        try {
            o = JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + excerpt(new String(data, StandardCharsets.UTF_8)), e);
        }
        if (o == null || !o.isObject() || !type.equals(o.path("type").asText())) {
            throw new IllegalArgumentException("expected a " + type + ", got " + excerpt(new String(data, StandardCharsets.UTF_8)));
        }
        return o;
    }

    /**
     * The start of a remote answer, for an error message: answers come from whoever replies on
     * {@code $SRV.>} and may be as large as the server's payload limit, and the message ends up in logs.
     */
    static String excerpt(String answer) {
        return answer.length() <= EXCERPT ? answer : answer.substring(0, EXCERPT) + "… (" + answer.length() + " chars)";
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string in " + excerpt(o.toString()));
        }
        return n.asText();
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException("not JSON: '" + json + "'");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static byte[] bytes(JsonNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
