package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.FaultProxy;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Drain against a real server: of a subscription, a dispatcher and a whole connection; nothing pending is lost. */
@NatsTest
@NatsServerOptions(jetStream = false)
class DrainIT {
    private static final int PENDING = 20;

    @Test
    void subscriptionDrainDeliversEverythingAlreadyPending(NatsServer server) throws Exception {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Gate gate = new Gate();
            List<String> handled = new CopyOnWriteArrayList<>();
            Subscription s = sub.subscribe("drain.sub", m -> {
                gate.pass();
                handled.add(m.dataAsString());
            });
            sub.flush(WAIT);
            publish(pub, "drain.sub", PENDING);
            sub.flush(WAIT);
            await().atMost(WAIT).until(() -> s.pendingMessages() == PENDING); // the first is held in the handler

            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> s.drain(WAIT));
            await().atMost(WAIT).until(() -> !s.isActive());
            gate.open();
            drain.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(handled).hasSize(PENDING).containsExactlyElementsOf(numbered(PENDING));
            assertThat(s.isActive()).isFalse();
            assertThat(s.pendingMessages()).isZero();
            // Interest is gone at the server: later messages are not even received.
            pub.publish("drain.sub", "after");
            pub.flush(WAIT);
            sub.flush(WAIT);
            assertThat(s.receivedMessages()).isEqualTo(PENDING);
        }
    }

    /**
     * Messages still in flight when the drain starts used to be discarded: the subscription ended as
     * soon as its queue was empty, before the server had confirmed the UNSUB.
     */
    @Test
    void subscriptionDrainUnderLoadDeliversEveryMessageItReceived(NatsServer server) throws Exception {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            AtomicInteger handled = new AtomicInteger();
            Subscription s = sub.subscribe("drain.load", m -> handled.incrementAndGet());
            sub.flush(WAIT);
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    pub.publish("drain.load", "x");
                }
            });
            try {
                await().atMost(WAIT).until(() -> handled.get() > 1_000);
                s.drain(WAIT);
            } finally {
                stop.set(true);
                publisher.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            // Every message that arrived before the server confirmed the UNSUB and was accepted is handled
            // (a publisher this fast can outrun the handler past the pending limits on a busy machine:
            // those are counted as dropped, never queued).
            assertThat(s.isActive()).isFalse();
            assertThat(handled.get()).isEqualTo(s.receivedMessages() - s.droppedMessages());
        }
    }

    @Test
    void synchronousSubscriptionDrainWaitsUntilThePendingMessagesAreRead(NatsServer server) throws Exception {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("drain.sync");
            sub.flush(WAIT);
            publish(pub, "drain.sync", PENDING);
            sub.flush(WAIT);
            assertThat(s.pendingMessages()).isEqualTo(PENDING);

            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> s.drain(WAIT));
            await().atMost(WAIT).until(() -> !s.isActive());
            List<String> read = new ArrayList<>();
            for (int i = 0; i < PENDING; i++) {
                read.add(s.nextMessage(WAIT).dataAsString());
            }
            drain.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(read).containsExactlyElementsOf(numbered(PENDING));
            assertThatThrownBy(() -> s.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void dispatcherDrainDeliversThePendingMessagesOfAllItsSubscriptions(NatsServer server) throws Exception {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Gate gate = new Gate();
            List<String> handled = new CopyOnWriteArrayList<>();
            Dispatcher d = sub.createDispatcher();
            Subscription a = d.subscribe("drain.d.a", m -> {
                gate.pass();
                handled.add("a" + m.dataAsString());
            });
            Subscription b = d.subscribe("drain.d.b", m -> handled.add("b" + m.dataAsString()));
            sub.flush(WAIT);
            publish(pub, "drain.d.a", PENDING);
            publish(pub, "drain.d.b", PENDING);
            sub.flush(WAIT);
            await().atMost(WAIT).until(() -> a.pendingMessages() + b.pendingMessages() == 2 * PENDING);

            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> d.drain(WAIT));
            await().atMost(WAIT).until(() -> !d.isActive() && !a.isActive() && !b.isActive());
            gate.open();
            drain.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(handled).hasSize(2 * PENDING);
            assertThat(handled.stream().filter(h -> h.startsWith("a")).toList()).hasSize(PENDING);
            assertThat(handled.stream().filter(h -> h.startsWith("b")).toList()).hasSize(PENDING);
            assertThatThrownBy(() -> d.subscribe("drain.d.c", m -> { })).isInstanceOf(ConnectionClosedException.class);
            // The connection itself is untouched.
            Subscription after = sub.subscribe("drain.d.after");
            sub.publish("drain.d.after", "fine");
            assertThat(after.nextMessage(WAIT).dataAsString()).isEqualTo("fine");
        }
    }

    @Test
    void connectionDrainDeliversPendingLetsRespondersAnswerThenCloses(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection nc = Clients.connect(server, recorder); Connection other = Clients.connect(server)) {
            Gate gate = new Gate();
            List<String> handled = new CopyOnWriteArrayList<>();
            nc.subscribe("drain.conn.work", m -> {
                gate.pass();
                handled.add(m.dataAsString());
            });
            CountDownLatch requestArrived = new CountDownLatch(1);
            nc.createDispatcher().subscribe("drain.conn.svc", m -> {
                requestArrived.countDown();
                gate.pass();
                m.respond("answered while draining");
            });
            nc.flush(WAIT);
            publish(other, "drain.conn.work", PENDING);
            CompletableFuture<Message> reply = other.requestAsync("drain.conn.svc", null, new byte[0], WAIT);
            assertThat(requestArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            nc.flush(WAIT);

            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> nc.drain(WAIT));
            await().atMost(WAIT).until(() -> nc.status() == ConnectionStatus.DRAINING);
            assertThatThrownBy(() -> nc.subscribe("drain.conn.new")).isInstanceOf(ConnectionClosedException.class);
            gate.open();
            drain.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).dataAsString()).isEqualTo("answered while draining");
            assertThat(handled).containsExactlyElementsOf(numbered(PENDING));
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
            assertThatThrownBy(() -> nc.publish("drain.conn.work", "too late")).isInstanceOf(ConnectionClosedException.class);
            await().atMost(WAIT).until(() -> recorder.eventTypes().contains(ConnectionEvent.Type.CLOSED));
            assertThat(recorder.exceptions).isEmpty();
        }
    }

    /**
     * The message being handled counts as pending until its handler returns, so a blocking drain there
     * used to wait for its own timeout. It now starts the drain and fails at once, naming drainAsync.
     */
    @Test
    void aBlockingDrainInsideItsOwnHandlerFailsAtOnceAndTheDrainStillFinishes(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection pub = Clients.connect(server)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            List<String> handled = new CopyOnWriteArrayList<>();
            Subscription s = nc.subscribe("drain.self", m -> {
                handled.add(m.dataAsString());
                if (m.dataAsString().equals("m" + (PENDING - 1))) {
                    try {
                        m.subscription().drain(WAIT);
                    } catch (RuntimeException e) {
                        thrown.set(e);
                    }
                }
            });
            nc.flush(WAIT);
            publish(pub, "drain.self", PENDING);

            await().atMost(WAIT).until(() -> thrown.get() != null);
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("drainAsync");
            await().atMost(WAIT).until(() -> !s.isActive() && s.pendingMessages() == 0);
            assertThat(handled).containsExactlyElementsOf(numbered(PENDING));
        }
    }

    @Test
    void drainAsyncFromItsOwnHandlerFinishesOnceTheHandlerReturns(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection pub = Clients.connect(server)) {
            CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
            nc.subscribe("drain.self.async", m -> started.complete(m.subscription().drainAsync(WAIT)));
            nc.flush(WAIT);
            publish(pub, "drain.self.async", 1);

            started.get(WAIT.toSeconds(), TimeUnit.SECONDS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aConnectionDrainFromAHandlerFailsAtOnceAndTheConnectionStillCloses(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection pub = Clients.connect(server)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            nc.subscribe("drain.conn.self", m -> {
                try {
                    nc.drain(WAIT);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            nc.flush(WAIT);
            publish(pub, "drain.conn.self", 1);

            await().atMost(WAIT).until(() -> thrown.get() != null);
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("drainAsync");
            await().atMost(WAIT).until(() -> nc.status() == ConnectionStatus.CLOSED);
        }
    }

    /**
     * The request inbox used to be drained with the rest, and a new inbox was refused while draining:
     * a handler that asked another service for something during a drain failed or timed out.
     */
    @Test
    void handlersMayStillSendRequestsWhileTheConnectionDrains(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection other = Clients.connect(server)) {
            other.subscribe("drain.req.svc", m -> m.respond("re:" + m.dataAsString()));
            other.flush(WAIT);
            Gate gate = new Gate();
            List<String> answers = new CopyOnWriteArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Subscription work = nc.subscribe("drain.req.work", m -> {
                gate.pass();
                try {
                    answers.add(nc.request("drain.req.svc", m.data(), WAIT).dataAsString());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            nc.flush(WAIT);
            publish(other, "drain.req.work", 5);
            await().atMost(WAIT).until(() -> work.pendingMessages() == 5);

            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> nc.drain(WAIT));
            await().atMost(WAIT).until(() -> nc.status() == ConnectionStatus.DRAINING);
            gate.open();
            drain.get(2 * WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(failures).isEmpty();
            assertThat(answers).containsExactly("re:m0", "re:m1", "re:m2", "re:m3", "re:m4");
        }
    }

    /**
     * A drain whose confirmation the link lost used to leave the subscription in the registry, and the
     * reconnect subscribed it again: its handler kept receiving while isActive() said false.
     */
    @Test
    void aDrainCutShortByADisconnectEndsTheSubscriptionForGood(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (FaultProxy proxy = FaultProxy.start(server);
             Connection nc = Nats.connect(Clients.fastReconnect(proxy.url()).connectionListener(recorder).build());
             Connection other = Clients.connect(server)) {
            List<String> handled = new CopyOnWriteArrayList<>();
            Subscription s = nc.subscribe("drain.cut", m -> handled.add(m.dataAsString()));
            nc.flush(WAIT);
            long batches = nc.statistics().flushes();
            proxy.stall();
            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> s.drain(WAIT));
            // the UNSUB and PING went out, and the stalled link holds them
            await().atMost(WAIT).until(() -> !s.isActive() && nc.statistics().flushes() > batches);
            proxy.cut();
            proxy.pass();
            recorder.await(ConnectionEvent.Type.RECONNECTED, 1, WAIT);
            try {
                drain.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(NatsException.class);
            }

            other.publish("drain.cut", "after the reconnect");
            other.flush(WAIT);
            nc.flush(WAIT);
            assertThat(handled).isEmpty();
            assertThat(s.receivedMessages()).isZero();
            assertThat(s.isActive()).isFalse();
        }
    }

    private static void publish(Connection pub, String subject, int count) {
        for (String body : numbered(count)) {
            pub.publish(subject, body);
        }
        pub.flush(WAIT);
    }

    private static List<String> numbered(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("m" + i);
        }
        return out;
    }
}
