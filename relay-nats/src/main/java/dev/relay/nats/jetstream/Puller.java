package dev.relay.nats.jetstream;

import dev.relay.nats.Durations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionListener;
import dev.relay.nats.ConnectionStatus;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Sends pull requests to a consumer and reads what they deliver. One wildcard inbox subscription
 * ({@code <inbox>.*}) serves every request; each request has its own reply subject
 * ({@code <inbox>.<n>}) so the status that ends it can be told from the late status of an older one.
 * The request JSON (ADR-13): {@code {"batch": n, "max_bytes": b, "expires": ns, "no_wait": bool,
 * "idle_heartbeat": ns}}. Statuses on the inbox: 100 heartbeat, 404 no messages (no_wait), 408 request
 * expired, 409 consumer deleted / leadership change / size or limit exceeded. Data messages are always
 * delivered, even ones owed to an older request. Used by one thread at a time; the connection's event
 * thread only raises the reconnected flag.
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
    private final PullLedger ledger = new PullLedger();
    /** Set by the connection's event thread, taken by the consuming thread. */
    private final AtomicBoolean reconnected = new AtomicBoolean();
    private final ConnectionListener reconnectListener;
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
        this.reconnectListener = e -> {
            if (e.type() == ConnectionEvent.Type.RECONNECTED) {
                reconnected.set(true);
            }
        };
        nc.addConnectionListener(reconnectListener);
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
        String reply = inbox + "." + send(r);
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
                        + consumer + " for " + Durations.formatNanos(hbNanos) + ": the consumer or server may be gone");
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

    /** Publishes one pull request with a reply subject of its own, {@code <inbox>.<id>}; returns the id. */
    private long send(Request r) {
        long id = ++requestId;
        String reply = inbox + "." + id;
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
        return id;
    }

    /**
     * Consumes continuously: keeps {@code r.batch()} messages (and {@code r.maxBytes()} bytes, if set)
     * asked for, sending a new request for what was used up once half of it arrived, so the server never
     * waits for the client to ask again. What the open requests still owe is kept in a {@link PullLedger}
     * that outlives this call, so calling it again after it threw asks only for what is not owed
     * already (the old requests are still open on the server and still deliver). The ledger forgets
     * its requests when the connection comes back after a loss (the server dropped them with the
     * reply subject's interest; a new request goes out at once), when no message and no heartbeat came
     * for two heartbeat intervals (the server heartbeats every open request), and one by one at their
     * expiry. Returns when {@code active} turns false, the sink returns false, or {@code timeoutNanos}
     * passed ({@link Long#MAX_VALUE}: never).
     *
     * @throws NatsTimeoutException if neither a message nor a heartbeat came for two heartbeat intervals
     * @throws ConsumerNotFoundException on a 409 "Consumer Deleted" (nats-server 2.9 also sends it when
     *     the consumer's leader shuts down, so the caller checks whether the consumer is really gone)
     * @throws JetStreamApiException if the server refused a request (409 limits, 503 no responders)
     */
    void consume(Request r, Predicate<JsMessage> sink, BooleanSupplier active, long timeoutNanos) {
        long hbNanos = r.heartbeat().toNanos() * 2;
        long start = System.nanoTime();
        long lastActivity = start;
        while (active.getAsBoolean()) {
            long now = System.nanoTime();
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (now - start);
            if (left <= 0) {
                return;
            }
            if (reconnected.getAndSet(false)) {
                ledger.clear();
                lastActivity = now;
            }
            ledger.expire(now);
            if (nc.status() == ConnectionStatus.CONNECTED && ledger.mayOpen() && wantsMore(r)) {
                int ask = (int) Math.max(1, r.batch() - ledger.pendingMsgs());
                long askBytes = r.maxBytes() > 0 ? Math.max(1, r.maxBytes() - ledger.pendingBytes()) : 0;
                long id = send(new Request(ask, askBytes, r.expires(), false, r.heartbeat()));
                ledger.opened(id, ask, askBytes, now + r.expires().plus(GRACE).toNanos());
            }
            long hbLeft = lastActivity + hbNanos - now;
            if (hbLeft <= 0) {
                ledger.clear();
                throw new NatsTimeoutException("no message and no heartbeat from consumer " + stream + " > "
                    + consumer + " for " + Durations.formatNanos(hbNanos) + ": the consumer or server may be gone");
            }
            Message m;
            try {
                m = sub.nextMessage(Duration.ofNanos(Math.min(Math.min(hbLeft, DROP_CHECK_NANOS * 4), left)));
            } catch (NatsTimeoutException e) {
                continue;
            }
            lastActivity = System.nanoTime();
            int status = m.status();
            if (status == 0) {
                ledger.delivered(r.maxBytes() > 0 ? wireSize(m) : 0);
                if (!sink.test(new JsMessage(m, nc))) {
                    return;
                }
            } else if (status != 100) {
                consumeStatus(status, m);
            }
        }
    }

    private boolean wantsMore(Request r) {
        return ledger.pendingMsgs() <= r.batch() / 2 || r.maxBytes() > 0 && ledger.pendingBytes() <= r.maxBytes() / 2;
    }

    /** Books a status ending one of the consume's requests; throws for those that are errors. */
    private void consumeStatus(int status, Message m) {
        long id = requestId(m.subject());
        String desc = m.headers().description();
        if (status == 409 && desc.contains("Consumer Deleted")) {
            ledger.clear();
            throw new ConsumerNotFoundException(409, 0, "consumer " + stream + " > " + consumer + " was deleted");
        }
        if (status == 409 && desc.contains("Exceeded MaxWaiting")) {
            ledger.refusedAsTooMany(id);
        } else {
            ledger.ended(id);
        }
        if (status == 404 || status == 408
            || status == 409 && (desc.contains("Leadership Change") || desc.contains("Message Size Exceeds MaxBytes"))) {
            return;
        }
        throw new JetStreamApiException(status, 0, "pull request to " + stream + " > " + consumer + " refused: " + desc);
    }

    /** The id in a reply subject {@code <inbox>.<id>}, or -1 for a subject that is not one. */
    private long requestId(String subject) {
        if (subject.length() <= inbox.length() + 1 || !subject.startsWith(inbox) || subject.charAt(inbox.length()) != '.') {
            return -1;
        }
        try {
            return Long.parseLong(subject, inbox.length() + 1, subject.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
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
        nc.removeConnectionListener(reconnectListener);
        sub.unsubscribe();
    }
}
