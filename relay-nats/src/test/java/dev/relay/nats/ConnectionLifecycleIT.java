package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Connection lifecycle against a real server: connect failures, close, use after close, losing the server, server PINGs. */
@NatsTest
@NatsServerOptions(jetStream = false)
class ConnectionLifecycleIT {

    @Test
    void connectingToAPortWithNoServerFailsAtOnceNamingTheUrl() {
        int port = FreePorts.loopback();
        Duration connectTimeout = Duration.ofSeconds(10);
        // the refusal itself ends the attempt (its message says so), not the 10 s connect timeout
        assertThatThrownBy(() -> Nats.connect(Options.builder()
                .servers("nats://127.0.0.1:" + port).connectTimeout(connectTimeout).build()))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining("nats://127.0.0.1:" + port)
            .hasMessageContaining("connection refused")
            .hasMessageNotContaining("within");
    }

    @Test
    void listenersAddedLaterHearEventsAfterTheOptionsListenerUntilRemoved(NatsServer server) {
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        Options o = Clients.fastReconnect(server.url())
            .connectionListener(e -> heard.add("options:" + e.type())).build();
        try (Connection nc = Nats.connect(o)) {
            ConnectionListener later = e -> heard.add("later:" + e.type());
            ConnectionListener removed = e -> heard.add("removed:" + e.type());
            nc.addConnectionListener(later);
            nc.addConnectionListener(removed);
            nc.removeConnectionListener(removed);
            server.restart();
            await().atMost(WAIT).until(() -> heard.contains("later:" + ConnectionEvent.Type.RECONNECTED));
            assertThat(heard).containsSubsequence("options:DISCONNECTED", "later:DISCONNECTED",
                "options:RECONNECTED", "later:RECONNECTED");
            assertThat(heard).noneMatch(h -> h.startsWith("removed:"));
        }
    }

    @Test
    void aDeadFirstServerIsSkippedForTheNextOne(NatsServer server) {
        String dead = "nats://127.0.0.1:" + FreePorts.loopback();
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Options.builder().servers(dead, server.url()).connectTimeout(WAIT)
                .connectionListener(recorder).build())) {
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(nc.serverInfo().port()).isEqualTo(server.port());
            await().atMost(WAIT).until(() -> !recorder.events.isEmpty());
            assertThat(recorder.events.get(0).type()).isEqualTo(ConnectionEvent.Type.CONNECTED);
            assertThat(recorder.events.get(0).serverUrl()).isEqualTo(server.url());
            Subscription s = nc.subscribe("second.server");
            nc.publish("second.server", "works");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("works");
        }
    }

    @Test
    void allServersDeadNamesEachOfThem() {
        String a = "nats://127.0.0.1:" + FreePorts.loopback();
        String b = "nats://127.0.0.1:" + FreePorts.loopback();
        assertThatThrownBy(() -> Nats.connect(Options.builder().servers(a, b).build()))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining(a)
            .hasMessageContaining(b);
    }

    @Test
    void theListenerHearsConnectedThenClosedAndClosingTwiceIsFine(NatsServer server) {
        Recorder recorder = new Recorder();
        Connection nc = Clients.connect(server, recorder);
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(nc.serverInfo().version()).isEqualTo(server.version());

        nc.close();
        nc.close();

        assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
        assertThat(nc.isClosed()).isTrue();
        await().atMost(WAIT).until(() -> recorder.events.size() >= 2);
        assertThat(recorder.eventTypes()).containsExactly(ConnectionEvent.Type.CONNECTED, ConnectionEvent.Type.CLOSED);
        assertThat(recorder.heardNoErrors()).isTrue();
    }

    @Test
    void everyOperationAfterCloseFailsWithConnectionClosed(NatsServer server) {
        Connection nc = Clients.connect(server);
        Subscription sync = nc.subscribe("closed.sync");
        nc.subscribe("closed.async", m -> { });
        // Makes the request inbox exist, so request after close takes the path of a connection that had one.
        assertThatThrownBy(() -> nc.request("closed.nobody.listens", "x", WAIT)).isInstanceOf(NoRespondersException.class);
        nc.close();

        assertThatThrownBy(() -> nc.publish("closed.x", "x")).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.subscribe("closed.x")).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.subscribe("closed.x", m -> { })).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.createDispatcher()).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.request("closed.x", "x", WAIT)).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.requestAsync("closed.x", "x")).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> nc.flush(WAIT)).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> sync.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
        assertThat(sync.isActive()).isFalse();
    }

    @Test
    @NatsServerOptions(jetStream = false, perMethod = true)
    void withReconnectOffLosingTheServerClosesTheConnectionAndWakesEveryoneWaiting(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        Options noReconnect = Clients.options(server).noReconnect().connectionListener(recorder).errorListener(recorder).build();
        try (Connection nc = Nats.connect(noReconnect); Connection responder = Clients.connect(server)) {
            responder.subscribe("lost.silent"); // a responder that never answers
            responder.flush(WAIT);
            Subscription sync = nc.subscribe("lost.sync");
            nc.flush(WAIT);

            Duration longWait = Duration.ofSeconds(30);
            CompletableFuture<Message> asyncRequest = nc.requestAsync("lost.silent", null, new byte[0], longWait);
            CompletableFuture<Message> blockingRequest =
                CompletableFuture.supplyAsync(() -> nc.request("lost.silent", "x", longWait));
            AtomicReference<Thread> reader = new AtomicReference<>();
            CompletableFuture<Message> waitingReader = CompletableFuture.supplyAsync(() -> {
                reader.set(Thread.currentThread());
                return sync.nextMessage(longWait);
            });
            await().atMost(WAIT).until(() -> nc.statistics().requests() == 2
                && reader.get() != null && reader.get().getState() == Thread.State.TIMED_WAITING);

            server.kill();

            assertFailsWithConnectionClosed(asyncRequest);
            assertFailsWithConnectionClosed(blockingRequest);
            assertFailsWithConnectionClosed(waitingReader);
            await().atMost(WAIT).until(() -> recorder.eventTypes().contains(ConnectionEvent.Type.CLOSED));
            assertThat(recorder.eventTypes()).containsExactly(
                ConnectionEvent.Type.CONNECTED, ConnectionEvent.Type.DISCONNECTED, ConnectionEvent.Type.CLOSED);
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
            assertThatThrownBy(() -> nc.publish("lost.x", "x")).isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    @NatsServerOptions(jetStream = false, perMethod = true, debug = true,
        extraConfig = "ping_interval: \"1s\"\nping_max: 1")
    void anIdleConnectionAnswersServerPingsAndIsNotDroppedAsStale(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Clients.connect(server, recorder)) {
            String client = " - cid:" + nc.serverInfo().clientId() + " - ";

            // With ping_max 1 a client that ignores PINGs is dropped ~2 s after connecting; wait for at
            // least three PINGs answered, so well past that point, without sending anything ourselves.
            await().atMost(WAIT).until(() -> countLogLines(server, client, "<<- [PONG]") >= 3);

            assertThat(countLogLines(server, client, "->> [PING]")).isGreaterThanOrEqualTo(3);
            assertThat(server.logTail(10_000)).doesNotContain("Stale");
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(recorder.eventTypes()).containsExactly(ConnectionEvent.Type.CONNECTED);
            Subscription s = nc.subscribe("ping.alive");
            nc.publish("ping.alive", "still here");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("still here");
        }
    }

    private static long countLogLines(NatsServer server, String client, String what) {
        return server.logTail(10_000).lines().filter(l -> l.contains(client) && l.contains(what)).count();
    }

    private static void assertFailsWithConnectionClosed(CompletableFuture<?> f) {
        assertThatThrownBy(() -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(ConnectionClosedException.class);
    }
}
