package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Handlers of different subscriptions run concurrently, each subscription's in order: services on one
 * connection may call each other, and one slow handler starves no other subscription. Blocking calls on
 * an I/O thread fail at once. Slow-consumer reports come once per episode.
 */
@NatsTest
@NatsServerOptions(jetStream = false)
class ConcurrentHandlersIT {

    @Test
    void servicesOnOneConnectionThatCallEachOtherAnswer(NatsServer server) throws Exception {
        try (Connection services = Clients.connect(server); Connection client = Clients.connect(server)) {
            services.subscribe("svc.b", m -> m.respond("b(" + m.dataAsString() + ")"));
            services.subscribe("svc.a", m -> m.respond("a:" + services.request("svc.b", m.data(), WAIT).dataAsString()));
            services.flush(WAIT);

            for (int i = 0; i < 20; i++) {
                assertThat(client.request("svc.a", "x" + i, WAIT).dataAsString()).isEqualTo("a:b(x" + i + ")");
            }
        }
    }

    @Test
    void aSlowHandlerStarvesNoOtherSubscriptionAndEachKeepsItsOrder(NatsServer server) throws Exception {
        int flood = 5_000;
        try (Connection nc = Clients.connect(server); Connection pub = Clients.connect(server)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch slowEntered = new CountDownLatch(1);
            nc.subscribe("slow", m -> {
                slowEntered.countDown();
                hold(release);
            });
            List<Integer> seen = new CopyOnWriteArrayList<>();
            nc.subscribe("fast", m -> seen.add(Integer.parseInt(m.dataAsString())));
            nc.flush(WAIT);
            pub.publish("slow", "hold");
            assertThat(slowEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            for (int i = 0; i < flood; i++) {
                pub.publish("fast", Integer.toString(i));
            }
            pub.flush(WAIT);
            await().atMost(WAIT).until(() -> seen.size() == flood);
            release.countDown();

            for (int i = 0; i < flood; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void aBlockingCallInAFutureCallbackOnTheIoThreadFailsAtOnceNamingTheAsyncForm(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection responder = Clients.connect(server)) {
            CountDownLatch answer = new CountDownLatch(1);
            responder.subscribe("io.echo", m -> {
                hold(answer);
                m.respond(m.data());
            });
            responder.flush(WAIT);

            CompletableFuture<Message> chained = nc.requestAsync("io.echo", null, new byte[0], WAIT)
                .thenApply(r -> nc.request("io.echo", new byte[0], WAIT));
            answer.countDown();

            assertThatThrownBy(() -> chained.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requestAsync");
            assertThat(nc.request("io.echo", new byte[0], WAIT)).isNotNull();
        }
    }

    @Test
    void aBlockingCallInATimeoutCallbackOnTheTimerThreadFailsAtOnce(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server)) {
            nc.subscribe("timer.silent", m -> { });
            nc.flush(WAIT);
            CompletableFuture<Message> chained = nc.requestAsync("timer.silent", null, new byte[0],
                    java.time.Duration.ofMillis(50))
                .exceptionally(e -> nc.request("timer.silent", new byte[0], WAIT));
            assertThatThrownBy(() -> chained.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timer thread");
        }
    }

    @Test
    void aDispatcherWithADefaultHandlerServesSubscriptionsMadeWithoutOne(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server)) {
            List<String> got = new CopyOnWriteArrayList<>();
            Dispatcher d = nc.createDispatcher(m -> got.add(m.subject()));
            d.subscribe("dflt.a");
            d.subscribe("dflt.b", "workers");
            nc.flush(WAIT);
            nc.publish("dflt.a", "1");
            nc.publish("dflt.b", "2");
            await().atMost(WAIT).until(() -> got.size() == 2);
            assertThat(got).containsExactly("dflt.a", "dflt.b");
            assertThatThrownBy(() -> nc.createDispatcher().subscribe("dflt.c"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("default handler");
        }
    }

    @Test
    void aSlowConsumerIsReportedOncePerEpisode(NatsServer server) throws Exception {
        AtomicInteger reports = new AtomicInteger();
        Options options = Clients.options(server).errorListener(new ErrorListener() {
            @Override
            public void onSlowConsumer(Connection c, Subscription s) {
                reports.incrementAndGet();
            }
        }).build();
        try (Connection nc = Nats.connect(options); Connection pub = Clients.connect(server)) {
            CountDownLatch release = new CountDownLatch(1);
            Subscription s = nc.subscribe("flood", m -> hold(release));
            s.pendingLimits(10, 1024 * 1024);
            nc.flush(WAIT);
            for (int i = 0; i < 2_000; i++) {
                pub.publish("flood", new byte[16]);
            }
            pub.flush(WAIT);
            nc.flush(WAIT);
            await().atMost(WAIT).until(() -> s.droppedMessages() > 0 && s.receivedMessages() == 2_000);
            nc.flush(WAIT);
            assertThat(reports.get()).as("one episode, one report").isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void aBlankServerUrlIsRefusedInsteadOfMeaningTheDefault() {
        assertThatThrownBy(() -> Nats.connect("")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("servers");
        assertThatThrownBy(() -> Nats.connect("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConnectionTellsWhereItIsAndCanMeasureAndMove(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection nc = Clients.connect(server, recorder); Connection sub = Clients.connect(server)) {
            assertThat(nc.connectedUrl()).contains("nats://127.0.0.1:" + server.port());
            assertThat(nc.servers()).contains("nats://127.0.0.1:" + server.port());
            assertThat(nc.rtt()).isPositive();

            Subscription s = sub.subscribe("fwd");
            sub.flush(WAIT);
            nc.subscribe("orig", m -> nc.publish(new ForwardedMessage(m)));
            nc.flush(WAIT);
            sub.publish("orig", Headers.of("K", "v"), "payload".getBytes());
            Message forwarded = s.nextMessage(WAIT);
            assertThat(forwarded.dataAsString()).isEqualTo("payload");
            assertThat(forwarded.headers().get("K")).containsExactly("v");

            nc.forceReconnect();
            recorder.await(ConnectionEvent.Type.RECONNECTED, 1, WAIT);
            nc.flush(WAIT);
        }
    }

    /** A received message sent on under another subject, headers and data as they came. */
    private record ForwardedMessage(Message original) implements Message {
        @Override
        public String subject() {
            return "fwd";
        }

        @Override
        public java.util.Optional<String> replyTo() {
            return java.util.Optional.empty();
        }

        @Override
        public byte[] data() {
            return original.data();
        }

        @Override
        public Headers headers() {
            return original.headers();
        }

        @Override
        public boolean hasHeaders() {
            return original.hasHeaders();
        }

        @Override
        public Subscription subscription() {
            return original.subscription();
        }

        @Override
        public void respond(byte[] data) {
            original.respond(data);
        }

        @Override
        public void respond(Headers headers, byte[] data) {
            original.respond(headers, data);
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
