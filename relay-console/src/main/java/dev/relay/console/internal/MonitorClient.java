package dev.relay.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the NATS server's monitoring endpoints ({@code /varz}, {@code /connz}) for the console's
 * monitor panel and works out message rates from the previous reading. Thread-safe: readings may
 * overlap; the last one to finish becomes the base of the next rates.
 */
final class MonitorClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int CONNECTIONS_SHOWN = 20;

    private final URI base;
    private final HttpClient http;
    private final AtomicReference<Sample> previous = new AtomicReference<>();

    /** One reading of the counters rates are computed from. */
    private record Sample(long nanos, long inMsgs, long outMsgs, long inBytes, long outBytes) {
    }

    MonitorClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * Reads both endpoints and answers {@code {url, server, connections, subscriptions, in_msgs,
     * out_msgs, in_bytes, out_bytes, in_msgs_per_sec, out_msgs_per_sec, conns: [...]}}.
     *
     * @return the reading; fails with a 502 {@link ApiException} when the server does not answer
     */
    CompletableFuture<ApiResponse> read() {
        CompletableFuture<JsonNode> varz = get("/varz");
        CompletableFuture<JsonNode> connz = get("/connz?limit=" + CONNECTIONS_SHOWN + "&sort=msgs_to");
        return varz.thenCombine(connz, this::describe).thenApply(ApiResponse::ok);
    }

    private ObjectNode describe(JsonNode varz, JsonNode connz) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("url", base.toString());
        out.put("server_name", varz.path("server_name").asText(""));
        out.put("version", varz.path("version").asText(""));
        out.put("uptime", varz.path("uptime").asText(""));
        out.put("connections", varz.path("connections").asLong());
        out.put("total_connections", varz.path("total_connections").asLong());
        out.put("subscriptions", varz.path("subscriptions").asLong());
        Sample now = new Sample(System.nanoTime(), varz.path("in_msgs").asLong(), varz.path("out_msgs").asLong(),
                varz.path("in_bytes").asLong(), varz.path("out_bytes").asLong());
        out.put("in_msgs", now.inMsgs());
        out.put("out_msgs", now.outMsgs());
        out.put("in_bytes", now.inBytes());
        out.put("out_bytes", now.outBytes());
        Sample before = previous.getAndSet(now);
        if (before != null && now.nanos() > before.nanos()) {
            double seconds = (now.nanos() - before.nanos()) / 1e9;
            out.put("in_msgs_per_sec", Math.max(0, now.inMsgs() - before.inMsgs()) / seconds);
            out.put("out_msgs_per_sec", Math.max(0, now.outMsgs() - before.outMsgs()) / seconds);
            out.put("in_bytes_per_sec", Math.max(0, now.inBytes() - before.inBytes()) / seconds);
            out.put("out_bytes_per_sec", Math.max(0, now.outBytes() - before.outBytes()) / seconds);
        }
        ArrayNode conns = out.putArray("conns");
        for (JsonNode c : connz.path("connections")) {
            ObjectNode conn = conns.addObject();
            conn.put("cid", c.path("cid").asLong());
            conn.put("name", c.path("name").asText(""));
            conn.put("ip", c.path("ip").asText(""));
            conn.put("port", c.path("port").asInt());
            conn.put("lang", c.path("lang").asText(""));
            conn.put("subscriptions", c.path("subscriptions").asLong());
            conn.put("in_msgs", c.path("in_msgs").asLong());
            conn.put("out_msgs", c.path("out_msgs").asLong());
            conn.put("pending_bytes", c.path("pending_bytes").asLong());
        }
        return out;
    }

    private CompletableFuture<JsonNode> get(String path) {
        URI uri = URI.create(base + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, e) -> {
                    if (e != null) {
                        throw unreachable(uri, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                    if (response.statusCode() != 200) {
                        throw unreachable(uri, new IOException("HTTP " + response.statusCode()));
                    }
                    try {
                        return MAPPER.readTree(response.body());
                    } catch (IOException ex) {
                        throw unreachable(uri, ex);
                    }
                });
    }

    private static ApiException unreachable(URI uri, Throwable cause) {
        return new ApiException(HttpResponseStatus.BAD_GATEWAY, "monitor_unreachable", null,
                "cannot read " + uri + ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage())
                        + "; is the server's monitoring port (-m / http:) at that URL?");
    }
}
