package dev.relay.console.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.console.ConnectionLog;
import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.Headers;
import dev.relay.nats.InvalidSubjectException;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.PayloadTooLargeException;
import dev.relay.nats.ReconnectBufferOverflowException;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.Statistics;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code /api/nats/...} calls on the console's one connection: publish, request, subscribe,
 * unsubscribe, list subscriptions, status. Checks every input before it reaches the connection and
 * answers with JSON. Thread-safe; never blocks (requests complete on the connection's I/O thread).
 */
final class NatsApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long MAX_TIMEOUT_MS = 60_000;

    private final Connection nc;
    private final LiveSubscriptions subscriptions;
    private final ConnectionLog log;
    private final Duration defaultTimeout;

    NatsApi(Connection nc, LiveSubscriptions subscriptions, ConnectionLog log, Duration defaultTimeout) {
        this.nc = nc;
        this.subscriptions = subscriptions;
        this.log = log;
        this.defaultTimeout = defaultTimeout;
    }

    /** {@code POST /api/nats/publish {subject, message | message_b64, headers?, reply?}} → 202. */
    ApiResponse publish(RequestBody body) {
        String subject = body.text("subject");
        SubjectRules.check("subject", subject, false);
        Optional<String> reply = body.optionalText("reply");
        reply.ifPresent(r -> SubjectRules.check("reply", r, false));
        Headers headers = body.headers("headers");
        byte[] data = body.payload(nc.maxPayload());
        onTheWire(() -> nc.publish(subject, reply.orElse(null), headers.isEmpty() ? null : headers, data));
        ObjectNode out = JSON.objectNode();
        out.put("subject", subject);
        out.put("size", data.length);
        return new ApiResponse(HttpResponseStatus.ACCEPTED, out);
    }

    /**
     * {@code POST /api/nats/request {subject, message, headers?, timeout_ms?}} →
     * {@code {subject, data, headers, latency_ms}}; 504 on timeout, 503 on no responders.
     */
    CompletableFuture<ApiResponse> request(RequestBody body) {
        String subject = body.text("subject");
        SubjectRules.check("subject", subject, false);
        Headers headers = body.headers("headers");
        byte[] data = body.payload(nc.maxPayload());
        Duration timeout = body.optionalLong("timeout_ms", 1, MAX_TIMEOUT_MS).map(Duration::ofMillis).orElse(defaultTimeout);
        long startNanos = System.nanoTime();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        onTheWire(() -> nc.requestAsync(subject, headers.isEmpty() ? null : headers, data, timeout)
                .whenComplete((m, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(e);
                    } else {
                        reply.complete(m);
                    }
                }));
        return reply.handle((m, e) -> {
            double latencyMs = (System.nanoTime() - startNanos) / 1e6;
            if (e != null) {
                throw requestFailure(subject, timeout, unwrap(e), latencyMs);
            }
            ObjectNode out = JSON.objectNode();
            out.put("subject", m.subject());
            MessageJson.putPayload(out, "data", m.data());
            out.set("headers", MessageJson.headers(m.headers()));
            out.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
            return ApiResponse.ok(out);
        });
    }

    private static RuntimeException requestFailure(String subject, Duration timeout, Throwable e, double latencyMs) {
        String latency = " (after " + Math.round(latencyMs) + " ms)";
        if (e instanceof NoRespondersException) {
            return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no_responders", "subject",
                    "no responders: nobody listens on " + subject + latency);
        }
        if (e instanceof NatsTimeoutException) {
            return new ApiException(HttpResponseStatus.GATEWAY_TIMEOUT, "timeout", "timeout_ms",
                    "no reply on " + subject + " within " + timeout.toMillis() + " ms");
        }
        return e instanceof RuntimeException re ? re : new CompletionException(e);
    }

    /** {@code POST /api/nats/subscribe {subject, queue?}} → {@code {sid, subject, queue?}}. */
    ApiResponse subscribe(RequestBody body) {
        String subject = body.text("subject");
        SubjectRules.check("subject", subject, true);
        Optional<String> queue = body.optionalText("queue").filter(q -> !q.isEmpty());
        queue.ifPresent(q -> SubjectRules.checkQueue("queue", q));
        LiveSubscription live = onTheWire(() -> subscriptions.add(subject, queue));
        return ApiResponse.ok(live.describe());
    }

    /** {@code DELETE /api/nats/subscribe/{sid}} → {@code {sid, unsubscribed: true}}. */
    ApiResponse unsubscribe(String sidText) {
        long sid = parseSid("sid", sidText);
        subscriptions.remove("sid", sid);
        ObjectNode out = JSON.objectNode();
        out.put("sid", sid);
        out.put("unsubscribed", true);
        return ApiResponse.ok(out);
    }

    /** {@code GET /api/nats/subscriptions} → {@code {count, subscriptions: [...]}}. */
    ApiResponse subscriptions() {
        ObjectNode out = JSON.objectNode();
        ArrayNode list = subscriptions.describe();
        out.put("count", list.size());
        out.set("subscriptions", list);
        return ApiResponse.ok(out);
    }

    /** {@code GET /api/nats/status} → connection state, server info, statistics, recent events. */
    ApiResponse status(boolean monitorConfigured) {
        ObjectNode out = JSON.objectNode();
        out.put("state", nc.status().name());
        ArrayNode servers = out.putArray("servers");
        for (URI uri : nc.options().servers()) {
            servers.add(withoutUserInfo(uri));
        }
        ServerInfo info = nc.serverInfo();
        ObjectNode server = out.putObject("server");
        server.put("name", info.serverName());
        server.put("id", info.serverId());
        server.put("version", info.version());
        server.put("host", info.host());
        server.put("port", info.port());
        server.put("max_payload", info.maxPayload());
        server.put("headers", info.headers());
        server.put("jetstream", info.jetStream());
        Statistics s = nc.statistics();
        ObjectNode stats = out.putObject("statistics");
        stats.put("in_msgs", s.inMessages());
        stats.put("in_bytes", s.inBytes());
        stats.put("out_msgs", s.outMessages());
        stats.put("out_bytes", s.outBytes());
        stats.put("requests", s.requests());
        stats.put("replies", s.replies());
        stats.put("dropped", s.droppedMessages());
        stats.put("errors", s.errors());
        stats.put("reconnects", s.reconnects());
        out.put("subscriptions", subscriptions.size());
        out.put("monitor", monitorConfigured);
        ArrayNode events = out.putArray("events");
        for (ConnectionEvent e : log.events()) {
            ObjectNode event = events.addObject();
            event.put("type", e.type().name());
            event.put("server", e.serverUrl());
            event.put("detail", e.detail());
            event.put("time", e.time().toString());
        }
        return ApiResponse.ok(out);
    }

    /**
     * Parses a console sid.
     *
     * @param field where it came from
     * @param text the digits
     * @return the sid
     * @throws ApiException 400 {@code invalid_field} if not a positive number
     */
    static long parseSid(String field, String text) {
        try {
            long sid = Long.parseLong(text);
            if (sid > 0) {
                return sid;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("invalid_field", field, field + ": expected a positive number, got '" + text + "'");
    }

    LiveSubscriptions liveSubscriptions() {
        return subscriptions;
    }

    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void onTheWire(Runnable call) {
        onTheWire(() -> {
            call.run();
            return null;
        });
    }

    /** Runs a connection call, turning what the library refuses about the input into a 400. */
    private static <T> T onTheWire(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidSubjectException e) {
            throw ApiException.badRequest("invalid_subject", "subject", "subject: " + e.getMessage());
        } catch (PayloadTooLargeException e) {
            throw ApiException.badRequest("payload_too_large", "message", "message: " + e.getMessage());
        } catch (ConnectionClosedException e) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "connection_closed", null,
                    "the console's NATS connection is closed: restart the console");
        } catch (ReconnectBufferOverflowException e) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "reconnecting", null,
                    "the NATS server is away and the reconnect buffer is full: try again when reconnected");
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
