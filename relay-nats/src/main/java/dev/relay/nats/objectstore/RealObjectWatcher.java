package dev.relay.nats.objectstore;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JsMessage;
import dev.relay.nats.jetstream.MessageNotFoundException;
import dev.relay.nats.jetstream.OrderedConsumer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectWatcher} on its own thread ({@code relay-obj-watch-N}) reading an ordered consumer over the
 * bucket's meta subjects; the consumer recreates itself after a loss, continuing after the last meta
 * delivered. Updates-only watches start after the stream's last sequence at the time of the call. So do
 * watches that find no meta at first. Thread-safe.
 */
final class RealObjectWatcher implements ObjectWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RealObjectWatcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final long CLOSE_WAIT_MS = 2_000;

    private final String bucket;
    private final OrderedConsumer consumer;
    private final ObjectWatchOptions options;
    private final ObjectWatchHandler handler;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean initialDone;

    private RealObjectWatcher(String bucket, OrderedConsumer consumer, ObjectWatchOptions options,
                              ObjectWatchHandler handler, boolean nothingInitially) {
        this.bucket = bucket;
        this.consumer = consumer;
        this.options = options;
        this.handler = handler;
        this.thread = new Thread(() -> run(nothingInitially), "relay-obj-watch-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    static ObjectWatcher start(JetStream js, String bucket, ObjectWatchOptions options, ObjectWatchHandler handler) {
        String stream = Names.stream(bucket);
        String filter = Names.allMeta(bucket);
        ConsumerConfig.Builder cfg = ConsumerConfig.builder().filterSubject(filter);
        // read before looking for metas: a change made in between is then after this sequence
        long last = js.management().streamInfo(stream).state().lastSequence();
        boolean nothingInitially = options.updatesOnly();
        if (!nothingInitially) {
            try {
                js.management().getLastMessage(stream, filter);
            } catch (MessageNotFoundException e) {
                nothingInitially = true;
            }
        }
        if (nothingInitially) {
            cfg.startSequence(last + 1);
        } else {
            cfg.deliverPolicy(options.includeHistory() ? DeliverPolicy.ALL : DeliverPolicy.LAST_PER_SUBJECT);
        }
        RealObjectWatcher w = new RealObjectWatcher(bucket, js.orderedConsumer(stream, cfg.build()), options, handler,
            nothingInitially);
        w.thread.start();
        return w;
    }

    private void run(boolean nothingInitially) {
        try {
            if (nothingInitially) {
                initialValuesDone();
            }
            while (!closed) {
                JsMessage m;
                try {
                    m = consumer.next(POLL);
                } catch (NatsTimeoutException timeout) {
                    continue;
                }
                ObjectInfo info = ObjectJson.read(m.data(), m.metadata().timestamp());
                if (!(options.ignoreDeletes() && info.deleted()) && !closed) {
                    deliver(info);
                }
                if (!initialDone && m.metadata().pending() == 0) {
                    initialValuesDone();
                }
            }
        } catch (ConnectionClosedException e) {
            LOG.debug("watch on object store {} ends: connection closed", bucket);
        } catch (NatsException e) {
            LOG.warn("watch on object store {} stopped: {}", bucket, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("watch on object store {} stopped on an unexpected error", bucket, e);
        } finally {
            consumer.close();
        }
    }

    private void deliver(ObjectInfo info) {
        try {
            handler.onInfo(info);
        } catch (RuntimeException ex) {
            LOG.warn("watch handler on object store {} threw for {}", bucket, info.name(), ex);
        }
    }

    private void initialValuesDone() {
        initialDone = true;
        try {
            handler.onInitialValuesDone();
        } catch (RuntimeException ex) {
            LOG.warn("watch handler on object store {} threw in onInitialValuesDone", bucket, ex);
        }
    }

    @Override
    public boolean isInitialValuesDone() {
        return initialDone;
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
