package dev.relay.nats.kv;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.OrderedConsumer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyWatcher} on its own thread ({@code relay-kv-watch-N}) that reads an ordered consumer and
 * hands each entry to the handler. The ordered consumer recreates itself after a reconnect, a server
 * restart or a gap, starting right after the last revision delivered, so nothing is missed or repeated.
 * Updates-only watches start after the stream's last sequence as read when the watch is opened, so no
 * change made after {@code watch} returns is missed. So do watches that find nothing to deliver at first.
 * Thread-safe.
 */
final class RealKeyWatcher implements KeyWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RealKeyWatcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String bucket;
    private final OrderedConsumer consumer;
    private final WatchOptions options;
    private final KeyValueWatchHandler handler;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean initialDone;

    private RealKeyWatcher(String bucket, OrderedConsumer consumer, WatchOptions options, KeyValueWatchHandler handler,
                           boolean nothingInitially) {
        this.bucket = bucket;
        this.consumer = consumer;
        this.options = options;
        this.handler = handler;
        this.initialDone = false;
        this.thread = new Thread(() -> run(nothingInitially), "relay-kv-watch-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    static KeyWatcher start(JetStream js, String bucket, String filterSubject, WatchOptions options,
                            KeyValueWatchHandler handler) {
        String stream = Keys.STREAM_PREFIX + bucket;
        ConsumerConfig.Builder cfg = ConsumerConfig.builder().filterSubject(filterSubject).headersOnly(options.metaOnly());
        // read before looking for matches: a change made in between is then after this sequence
        long last = js.management().streamInfo(stream).state().lastSequence();
        boolean nothingInitially = options.updatesOnly() || !Scan.anyMatch(js, stream, filterSubject);
        if (nothingInitially) {
            cfg.startSequence(last + 1);
        } else {
            cfg.deliverPolicy(options.includeHistory() ? DeliverPolicy.ALL : DeliverPolicy.LAST_PER_SUBJECT);
        }
        RealKeyWatcher w = new RealKeyWatcher(bucket, js.orderedConsumer(stream, cfg.build()), options, handler,
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
                KeyValueEntry e;
                try {
                    e = Keys.entry(bucket, consumer.next(POLL));
                } catch (NatsTimeoutException timeout) {
                    continue;
                }
                if (!(options.ignoreDeletes() && e.operation() != KeyValueOperation.PUT) && !closed) {
                    deliver(e);
                }
                if (!initialDone && e.delta() == 0) {
                    initialValuesDone();
                }
            }
        } catch (ConnectionClosedException e) {
            LOG.debug("watch on bucket {} ends: connection closed", bucket);
        } catch (NatsException e) {
            LOG.warn("watch on bucket {} stopped: {}", bucket, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("watch on bucket {} stopped on an unexpected error", bucket, e);
        } finally {
            consumer.close();
        }
    }

    private void deliver(KeyValueEntry e) {
        try {
            handler.onEntry(e);
        } catch (RuntimeException ex) {
            LOG.warn("watch handler on bucket {} threw for key {} revision {}", bucket, e.key(), e.revision(), ex);
        }
    }

    private void initialValuesDone() {
        initialDone = true;
        try {
            handler.onInitialValuesDone();
        } catch (RuntimeException ex) {
            LOG.warn("watch handler on bucket {} threw in onInitialValuesDone", bucket, ex);
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
                thread.join(TimeUnit.NANOSECONDS.toMillis(CLOSE_WAIT.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
