package dev.relay.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription the console holds: counts its messages and fans each out as JSON to the
 * WebSockets watching it. Thread-safe: messages arrive on the console's dispatcher thread, sockets
 * come and go on Netty's threads, reads from anywhere.
 */
final class LiveSubscription {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long sid;
    private final String subject;
    private final Optional<String> queue;
    private final Instant created = Instant.now();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong droppedByClosedSockets = new AtomicLong();
    private final Set<SocketSink> sinks = new CopyOnWriteArraySet<>();
    private volatile Subscription subscription;

    LiveSubscription(long sid, String subject, Optional<String> queue) {
        this.sid = sid;
        this.subject = subject;
        this.queue = queue;
    }

    /** Sets the library subscription once it exists (messages may already be arriving). */
    void attach(Subscription subscription) {
        this.subscription = subscription;
    }

    /** Handles one message on the dispatcher thread: count it, then send it to every socket. */
    void onMessage(Message message) {
        long n = messages.incrementAndGet();
        if (sinks.isEmpty()) {
            return;
        }
        String json = toJson(message, n);
        for (SocketSink sink : sinks) {
            sink.offer(json);
        }
    }

    private String toJson(Message m, long seq) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sid", sid);
        json.put("seq", seq);
        json.put("subject", m.subject());
        m.replyTo().ifPresent(r -> json.put("reply", r));
        json.set("headers", MessageJson.headers(m.headers()));
        MessageJson.putPayload(json, "payload", m.data());
        json.put("received", Instant.now().toString());
        try {
            return MAPPER.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    void addSink(SocketSink sink) {
        sinks.add(sink);
    }

    void removeSink(SocketSink sink) {
        if (sinks.remove(sink)) {
            droppedByClosedSockets.addAndGet(sink.dropped());
        }
    }

    /** Stops the library subscription and closes the sockets watching it. */
    void stop() {
        Subscription s = subscription;
        if (s != null && s.isActive()) {
            s.unsubscribe();
        }
        for (SocketSink sink : sinks) {
            sink.channel().close();
        }
    }

    long sid() {
        return sid;
    }

    /** The subscription as shown by {@code GET /api/nats/subscriptions}. */
    ObjectNode describe() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sid", sid);
        json.put("subject", subject);
        queue.ifPresent(q -> json.put("queue", q));
        json.put("messages", messages.get());
        long socketDrops = droppedByClosedSockets.get();
        for (SocketSink sink : sinks) {
            socketDrops += sink.dropped();
        }
        json.put("dropped_by_sockets", socketDrops);
        Subscription s = subscription;
        json.put("dropped_by_client", s == null ? 0 : s.droppedMessages());
        json.put("sockets", sinks.size());
        json.put("created", created.toString());
        return json;
    }
}
