package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A server SIGKILLed and restarted on the same port while a publisher thread publishes numbered
 * messages as fast as it can: what the client accepted while disconnected reaches the subscribers
 * after the reconnect, nothing is delivered twice or out of order, and the loss is only what was in
 * flight at the kill.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class RestartUnderLoadIT {
    private static final int MESSAGES = 20_000;
    /** The publisher kills the server itself after this many messages, so the kill lands mid-stream. */
    private static final int KILL_AT = 2_000;
    /** Small enough that the publisher fills it during the outage and must wait for the reconnect. */
    private static final long BUFFER_BYTES = 64 * 1024;

    /**
     * One connection both subscribes and publishes: after the reconnect its subscriptions are restored
     * before the bytes kept while disconnected are written, so every message accepted after the
     * DISCONNECTED event must arrive. Only messages already handed to the dead socket may be lost.
     */
    @Test
    void everyMessageAcceptedAfterTheDisconnectIsDelivered(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        Sequencer publisher = new Sequencer(recorder, server::kill);
        AtomicLong nextAtDisconnect = new AtomicLong(-1);
        AtomicLong nextAtReconnect = new AtomicLong(-1);
        Options o = Clients.fastReconnect(server.url()).reconnect(r -> r.bufferSize(BUFFER_BYTES))
            .errorListener(recorder)
            .connectionListener(e -> {
                // Heard after the client stopped writing: every publish that starts from now on is kept.
                if (e.type() == ConnectionEvent.Type.DISCONNECTED) {
                    nextAtDisconnect.compareAndSet(-1, publisher.next.get());
                }
                if (e.type() == ConnectionEvent.Type.RECONNECTED) {
                    nextAtReconnect.compareAndSet(-1, publisher.next.get());
                }
                recorder.onEvent(e);
            })
            .build();
        Deliveries delivered = new Deliveries();
        try (Connection nc = Nats.connect(o)) {
            nc.subscribe("load.one", delivered::onMessage);
            nc.flush(WAIT);

            CompletableFuture<Void> publishing = publisher.start(nc, "load.one");
            recorder.await(ConnectionEvent.Type.DISCONNECTED);
            await().atMost(WAIT).until(() -> publisher.overflows.get() > 0);
            server.restart();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            publishing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            nc.flush(WAIT);

            long accepted = publisher.next.get();
            // The message being published while the DISCONNECTED event was heard may have begun before
            // the link was lost; every one after it began later and was kept.
            long firstKept = nextAtDisconnect.get() + 1;
            await().atMost(WAIT).untilAsserted(() ->
                assertThat(delivered.missing(firstKept, accepted)).as("kept messages not delivered").isEmpty());
            print("one connection", publisher, delivered, nextAtReconnect.get() - firstKept);
            assertThat(accepted).isEqualTo(MESSAGES);
            assertThat(firstKept).isBetween((long) KILL_AT, (long) MESSAGES);
            assertThat(delivered.duplicates()).isZero();
            assertThat(delivered.outOfOrder()).isZero();
            assertThat(delivered.count()).isLessThanOrEqualTo(accepted);
            assertThat(nc.statistics().reconnects()).isEqualTo(1);
            assertThat(recorder.exceptions).isEmpty();
        }
    }

    /**
     * Publisher and subscriber on separate connections: each reconnects on its own, so what the
     * publisher sends before the subscriber's interest is back is lost (as NATS defines it). What is
     * delivered is never duplicated, stays in publish order and never exceeds what was accepted.
     */
    @Test
    void twoConnectionsNeverDuplicateOrReorder(NatsServer server) throws Exception {
        Recorder pubEvents = new Recorder();
        Recorder subEvents = new Recorder();
        Sequencer publisher = new Sequencer(pubEvents, server::kill);
        Deliveries delivered = new Deliveries();
        Options base = Clients.fastReconnect(server.url()).reconnect(r -> r.bufferSize(BUFFER_BYTES)).build();
        try (Connection sub = Nats.connect(base.toBuilder().connectionListener(subEvents).build());
             Connection pub = Nats.connect(base.toBuilder().connectionListener(pubEvents).build())) {
            sub.subscribe("load.two", delivered::onMessage);
            sub.flush(WAIT);

            CompletableFuture<Void> publishing = publisher.start(pub, "load.two");
            pubEvents.await(ConnectionEvent.Type.DISCONNECTED);
            await().atMost(WAIT).until(() -> publisher.overflows.get() > 0);
            server.restart();
            publishing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            subEvents.await(ConnectionEvent.Type.RESUBSCRIBED);
            sub.flush(WAIT);
            pub.flush(WAIT);
            // Both are back and the server has the subscriber's interest: a marker must arrive, after
            // everything else the subscriber will ever get from this publisher.
            pub.publish("load.two", Long.toString(MESSAGES));
            pub.flush(WAIT);
            await().atMost(WAIT).until(() -> delivered.has(MESSAGES));

            print("two connections", publisher, delivered, -1);
            long accepted = publisher.next.get() + 1;
            assertThat(delivered.duplicates()).isZero();
            assertThat(delivered.outOfOrder()).isZero();
            assertThat(delivered.count()).isLessThanOrEqualTo(accepted);
        }
    }

    private static void print(String variant, Sequencer publisher, Deliveries delivered, long kept) {
        long accepted = publisher.next.get();
        System.out.printf("restart under load (%s): accepted %d, delivered %d, lost %d, kept while disconnected %s,"
                + " reconnect buffer overflows %d%n", variant, accepted, delivered.count(),
            accepted - delivered.count(), kept < 0 ? "n/a" : Long.toString(kept), publisher.overflows.get());
    }

    /**
     * Publishes the numbers 0..{@value #MESSAGES}-1 from its own thread without pausing; kills the
     * server after {@value #KILL_AT}; on a full reconnect buffer waits for the next RECONNECTED event
     * and publishes the same number again. {@link #next} is the count of accepted messages. Runs on
     * its own thread; its counters may be read from any.
     */
    private static final class Sequencer {
        final AtomicLong next = new AtomicLong();
        final AtomicInteger overflows = new AtomicInteger();
        private final Recorder events;
        private final Runnable atKillPoint;

        Sequencer(Recorder events, Runnable atKillPoint) {
            this.events = events;
            this.atKillPoint = atKillPoint;
        }

        CompletableFuture<Void> start(Connection nc, String subject) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    run(nc, subject);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "load-publisher");
            t.setDaemon(true);
            t.start();
            return done;
        }

        private void run(Connection nc, String subject) {
            long seq = 0;
            boolean killed = false;
            while (seq < MESSAGES) {
                if (seq == KILL_AT && !killed) {
                    killed = true;
                    atKillPoint.run();
                }
                // Read before publishing: an overflow means the link was down at the publish, so the
                // reconnect that ends this outage is heard after this count was read.
                int reconnects = events.count(ConnectionEvent.Type.RECONNECTED);
                try {
                    nc.publish(subject, Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
                    next.set(++seq);
                } catch (ReconnectBufferOverflowException e) {
                    if (overflows.incrementAndGet() > 10) {
                        throw new AssertionError("the reconnect buffer overflowed again after reconnects", e);
                    }
                    events.await(ConnectionEvent.Type.RECONNECTED, reconnects + 1, WAIT);
                }
            }
        }
    }

    /** The numbers a subscription received; the handler runs on one dispatcher thread. Thread-safe. */
    private static final class Deliveries {
        private final ReentrantLock lock = new ReentrantLock();
        private final BitSet seen = new BitSet();
        private long last = -1;
        private long count;
        private int duplicates;
        private int outOfOrder;

        void onMessage(Message m) {
            int seq = Integer.parseInt(m.dataAsString());
            lock.lock();
            try {
                if (seen.get(seq)) {
                    duplicates++;
                }
                if (seq <= last) {
                    outOfOrder++;
                }
                seen.set(seq);
                last = seq;
                count++;
            } finally {
                lock.unlock();
            }
        }

        boolean has(int seq) {
            lock.lock();
            try {
                return seen.get(seq);
            } finally {
                lock.unlock();
            }
        }

        /** The numbers in [from, to) not received, at most 20 of them. */
        List<Long> missing(long from, long to) {
            lock.lock();
            try {
                List<Long> out = new ArrayList<>();
                for (long i = from; i < to && out.size() < 20; i++) {
                    if (!seen.get((int) i)) {
                        out.add(i);
                    }
                }
                return out;
            } finally {
                lock.unlock();
            }
        }

        long count() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        int duplicates() {
            lock.lock();
            try {
                return duplicates;
            } finally {
                lock.unlock();
            }
        }

        int outOfOrder() {
            lock.lock();
            try {
                return outOfOrder;
            } finally {
                lock.unlock();
            }
        }
    }
}
