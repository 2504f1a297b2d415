package dev.relay.nats.jetstream;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.NatsException;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PushSubscription}: filters the status messages of a push consumer out of its deliver subject.
 * Status 100 with a reply subject is a flow-control request (answered with an empty message); without
 * one it is an idle heartbeat, which may name a stalled consumer's subject in
 * {@code Nats-Consumer-Stalled} (answered the same way). Runs on the connection's default dispatcher.
 * With an idle heartbeat configured, a shared daemon timer checks every interval that something (a
 * message or a heartbeat) arrived within two intervals, and counts and logs each silent stretch once.
 * An ephemeral consumer that a subscription by subject created is deleted on close.
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
    private final AtomicLong missed = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean silent;
    private volatile ScheduledFuture<?> watchdog;
    /** Set for an ephemeral consumer created by a subscription by subject: nobody else can use it. */
    private volatile boolean deleteConsumerOnClose;

    /** One daemon thread for the heartbeat checks of every push subscription. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-js-heartbeat-watch");
            t.setDaemon(true);
            return t;
        });
    }

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

    /** Starts checking for heartbeats every {@code heartbeat}; nothing for two intervals is one miss. */
    void watchHeartbeats(Duration heartbeat) {
        long hb = heartbeat.toNanos();
        watchdog = Timer.INSTANCE.scheduleAtFixedRate(() -> {
            boolean quiet = System.nanoTime() - lastActivityNanos > 2 * hb;
            if (quiet && !silent) {
                missed.incrementAndGet();
                LOG.warn("push consumer {} > {}: no message or heartbeat for {}; the consumer or server may be gone",
                    stream, consumer, heartbeat.multipliedBy(2));
            }
            silent = quiet;
        }, hb, hb, TimeUnit.NANOSECONDS);
    }

    private void onMessage(Message m) {
        lastActivityNanos = System.nanoTime();
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
    public long missedHeartbeats() {
        return missed.get();
    }

    @Override
    public ConsumerInfo info() {
        return new RealJetStreamManagement(api).consumerInfo(stream, consumer);
    }

    /** Makes {@link #close()} delete the consumer too (best effort). */
    void deleteConsumerOnClose() {
        deleteConsumerOnClose = true;
    }

    @Override
    public void close() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        sub.unsubscribe();
        if (deleteConsumerOnClose) {
            deleteConsumerOnClose = false;
            try {
                new RealJetStreamManagement(api).deleteConsumer(stream, consumer);
            } catch (NatsException e) {
                // The server removes an ephemeral consumer without interest by itself after its inactive threshold.
                LOG.debug("push consumer {} > {}: deleting it on close: {}", stream, consumer, e.toString());
            }
        }
    }
}
