package dev.relay.nats.jetstream;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PushSubscription}: filters the status messages of a push consumer out of its deliver subject.
 * Status 100 with a reply subject is a flow-control request (answered with an empty message); without
 * one it is an idle heartbeat, which may name a stalled consumer's subject in
 * {@code Nats-Consumer-Stalled} (answered the same way). Runs on the connection's default dispatcher.
 */
final class RealPushSubscription implements PushSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(RealPushSubscription.class);
    private static final byte[] EMPTY = new byte[0];

    private final ApiClient api;
    private final String stream;
    private volatile String consumer;
    private final JsMessageHandler handler;
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong flowControl = new AtomicLong();
    private final Subscription sub;

    RealPushSubscription(ApiClient api, String stream, String consumer, String deliverSubject, String group,
                         JsMessageHandler handler) {
        this.api = api;
        this.stream = stream;
        this.consumer = consumer;
        this.handler = handler;
        Connection nc = api.connection();
        this.sub = group.isEmpty() ? nc.subscribe(deliverSubject, this::onMessage)
            : nc.subscribe(deliverSubject, group, this::onMessage);
    }

    private void onMessage(Message m) {
        Connection nc = api.connection();
        int status = m.status();
        if (status == 100) {
            if (m.replyTo().isPresent()) {
                nc.publish(m.replyTo().get(), EMPTY);
                flowControl.incrementAndGet();
            } else {
                heartbeats.incrementAndGet();
                m.headers().first("Nats-Consumer-Stalled").ifPresent(s -> nc.publish(s, EMPTY));
            }
            return;
        }
        if (status != 0) {
            LOG.debug("push consumer {} > {}: status {} {}", stream, consumer, status, m.headers().description());
            return;
        }
        handler.onMessage(new JsMessage(m, nc));
    }

    @Override
    public String stream() {
        return stream;
    }

    void consumerName(String name) {
        this.consumer = name;
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public Subscription subscription() {
        return sub;
    }

    @Override
    public long heartbeats() {
        return heartbeats.get();
    }

    @Override
    public long flowControlReplies() {
        return flowControl.get();
    }

    @Override
    public ConsumerInfo info() {
        return new RealJetStreamManagement(api).consumerInfo(stream, consumer);
    }

    @Override
    public void close() {
        sub.unsubscribe();
    }
}
