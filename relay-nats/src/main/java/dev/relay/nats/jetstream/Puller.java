package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Sends pull requests to a consumer and reads what they deliver. One wildcard inbox subscription
 * ({@code <inbox>.*}) serves every request; each request has its own reply subject
 * ({@code <inbox>.<n>}) so the status that ends it can be told from the late status of an older one.
 * The request JSON (ADR-13): {@code {"batch": n, "max_bytes": b, "expires": ns, "no_wait": bool,
 * "idle_heartbeat": ns}}. Statuses on the inbox: 100 heartbeat, 404 no messages (no_wait), 408 request
 * expired, 409 consumer deleted / leadership change / size or limit exceeded. Data messages are always
 * delivered, even ones owed to an older request. Used by one thread at a time.
 */
final class Puller implements AutoCloseable {
    /** How long past the request's expiry to wait for the server's own 408. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** How often a wait looks at the subscription's drop counter. */
    private static final long DROP_CHECK_NANOS = Duration.ofMillis(50).toNanos();

    private final ApiClient api;
    private final Connection nc;
    private final String stream;
    private final String consumer;
    private final String nextSubject;
    private final String inbox;
    private final Subscription sub;
    private long requestId;

    /** One pull request; a zero heartbeat means none. */
    record Request(int batch, long maxBytes, Duration expires, boolean noWait, Duration heartbeat) {
    }

    /**
     * What one request gave.
     *
     * @param count messages handed to the sink
     * @param answered whether the server ended the request (batch complete, 404, 408, 409); false when
     *     the wait ran out without a word from the server, a sign the consumer or server is gone
     * @param lost whether the inbox subscription dropped messages meanwhile (its pending limit was
     *     exceeded): some deliveries, or the status ending the request, never arrive
     */
    record Result(int count, boolean answered, boolean lost) {
    }

    Puller(ApiClient api, String stream, String consumer) {
        this.api = api;
        this.nc = api.connection();
        this.stream = stream;
        this.consumer = consumer;
        this.nextSubject = api.subject("CONSUMER.MSG.NEXT." + stream + "." + consumer);
        this.inbox = nc.newInbox();
        this.sub = nc.subscribe(inbox + ".*");
    }

    /**
     * Sends one request and hands each delivered message to the sink as it arrives, until the batch or
     * byte count is reached, the request ends (404, 408, some 409s), its expiry passed, or the sink
     * returns false (the caller gives the request up; later deliveries for it stay in the inbox).
     *
     * @return how many messages were handed to the sink and whether the server ended the request
     * @throws ConsumerNotFoundException if the consumer was deleted (409)
     * @throws JetStreamApiException for a 409 limit (max waiting, max batch, …) before any message came
     * @throws NatsTimeoutException if heartbeats were asked for and stopped arriving
     */
    Result pull(Request r, Predicate<JsMessage> sink) {
        String reply = send(r);
        Duration wait = r.noWait() ? api.options().requestTimeout() : r.expires().plus(GRACE);
        long deadline = System.nanoTime() + wait.toNanos();
        long hbNanos = r.heartbeat().toNanos() * 2;
        long lastActivity = System.nanoTime();
        long bytes = 0;
        int got = 0;
        boolean answered = false;
        long droppedBefore = sub.droppedMessages();
        while (got < r.batch() && (r.maxBytes() <= 0 || bytes < r.maxBytes())) {
            long now = System.nanoTime();
            long remaining = deadline - now;
            if (remaining <= 0 || sub.droppedMessages() != droppedBefore) {
                break;
            }
            remaining = Math.min(remaining, DROP_CHECK_NANOS);
            if (hbNanos > 0) {
                long hbLeft = lastActivity + hbNanos - now;
                if (hbLeft <= 0) {
                    throw new NatsTimeoutException("no message and no heartbeat from consumer " + stream + " > "
                        + consumer + " for " + Duration.ofNanos(hbNanos) + ": the consumer or server may be gone");
                }
                remaining = Math.min(remaining, hbLeft);
            }
            Message m;
            try {
                m = sub.nextMessage(Duration.ofNanos(remaining));
            } catch (NatsTimeoutException e) {
                continue;
            }
            lastActivity = System.nanoTime();
            int status = m.status();
            if (status == 0) {
                bytes += wireSize(m);
                got++;
                if (!sink.test(new JsMessage(m, nc))) {
                    answered = true;
                    break;
                }
            } else if (status != 100 && m.subject().equals(reply) && ends(status, m, got)) {
                answered = true;
                break;
            }
        }
        return new Result(got, answered || got >= r.batch() || r.maxBytes() > 0 && bytes >= r.maxBytes(),
            sub.droppedMessages() != droppedBefore);
    }

    /** Publishes one pull request with a reply subject of its own, which it returns. */
    private String send(Request r) {
        String reply = inbox + "." + (++requestId);
        ObjectNode body = Json.object().put("batch", r.batch());
        if (r.maxBytes() > 0) {
            body.put("max_bytes", r.maxBytes());
        }
        if (r.noWait()) {
            body.put("no_wait", true);
        } else {
            Json.putNanos(body, "expires", r.expires());
        }
        if (!r.heartbeat().isZero()) {
            Json.putNanos(body, "idle_heartbeat", r.heartbeat());
        }
        nc.publish(nextSubject, reply, null, Json.bytes(body));
        return reply;
    }

    /**
     * Consumes continuously: keeps {@code r.batch()} messages (and {@code r.maxBytes()} bytes, if set)
     * asked for, sending a new request for what was used up once half of it arrived, so the server never
     * waits for the client to ask again. The server's 408 / 409 statuses say in
     * {@code Nats-Pending-Messages} / {@code Nats-Pending-Bytes} how much of an ended request was not
     * delivered; that much is asked for again. Returns when {@code active} turns false or the sink
     * returns false.
     *
     * @throws NatsTimeoutException if neither a message nor a heartbeat came for two heartbeat intervals
     * @throws ConsumerNotFoundException if the consumer was deleted
     * @throws JetStreamApiException if the server refused the requests (409 limits)
     */
    void consume(Request r, Predicate<JsMessage> sink, BooleanSupplier active) {
        long pendingMsgs = 0;
        long pendingBytes = 0;
        long hbNanos = r.heartbeat().toNanos() * 2;
        long lastActivity = System.nanoTime();
        while (active.getAsBoolean()) {
            if (pendingMsgs <= r.batch() / 2 || r.maxBytes() > 0 && pendingBytes <= r.maxBytes() / 2) {
                int ask = (int) (r.batch() - pendingMsgs);
                long askBytes = r.maxBytes() > 0 ? r.maxBytes() - pendingBytes : 0;
                send(new Request(Math.max(1, ask), askBytes, r.expires(), false, r.heartbeat()));
                pendingMsgs += Math.max(1, ask);
                pendingBytes += askBytes;
            }
            long hbLeft = lastActivity + hbNanos - System.nanoTime();
            if (hbLeft <= 0) {
                throw new NatsTimeoutException("no message and no heartbeat from consumer " + stream + " > "
                    + consumer + " for " + Duration.ofNanos(hbNanos) + ": the consumer or server may be gone");
            }
            Message m;
            try {
                m = sub.nextMessage(Duration.ofNanos(Math.min(hbLeft, DROP_CHECK_NANOS * 4)));
            } catch (NatsTimeoutException e) {
                continue;
            }
            lastActivity = System.nanoTime();
            int status = m.status();
            if (status == 0) {
                pendingMsgs--;
                pendingBytes -= r.maxBytes() > 0 ? wireSize(m) : 0;
                if (!sink.test(new JsMessage(m, nc))) {
                    return;
                }
            } else if (status != 100) {
                ends(status, m, 0);
                pendingMsgs = Math.max(0, pendingMsgs - header(m, "Nats-Pending-Messages", pendingMsgs));
                pendingBytes = Math.max(0, pendingBytes - header(m, "Nats-Pending-Bytes", pendingBytes));
            }
        }
    }

    private static long header(Message m, String key, long absent) {
        try {
            return m.headers().first(key).map(Long::parseLong).orElse(absent);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /**
     * The size the server charges against a request's max_bytes: subject, reply subject, header block
     * and payload. The header block is re-encoded as the server writes it ({@code NATS/1.0\r\n},
     * {@code Key: Value\r\n} per value, {@code \r\n}), so a budget used up exactly is noticed here too
     * (the server sends no status for that).
     */
    static long wireSize(Message m) {
        long size = m.subject().length() + m.replyTo().map(String::length).orElse(0) + m.data().length;
        if (m.hasHeaders()) {
            size += "NATS/1.0\r\n\r\n".length();
            for (var e : m.headers().asMap().entrySet()) {
                for (String v : e.getValue()) {
                    size += e.getKey().length() + 2 + v.length() + 2;
                }
            }
        }
        return size;
    }

    /** Whether a status for the current request ends it; throws for the ones that are errors. */
    private boolean ends(int status, Message m, int got) {
        String desc = m.headers().description();
        if (status == 404 || status == 408) {
            return true;
        }
        if (status == 409) {
            if (desc.contains("Consumer Deleted")) {
                throw new ConsumerNotFoundException(409, 0, "consumer " + stream + " > " + consumer + " was deleted");
            }
            if (got == 0 && !desc.contains("Leadership Change") && !desc.contains("Message Size Exceeds MaxBytes")) {
                throw new JetStreamApiException(409, 0, "pull request to " + stream + " > " + consumer + " refused: " + desc);
            }
            return true;
        }
        throw new JetStreamApiException(status, 0, "pull request to " + stream + " > " + consumer + " failed: " + desc);
    }

    @Override
    public void close() {
        sub.unsubscribe();
    }
}
