package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How reconnecting begins and ends: closing or draining while no server is there, connecting before
 * the server exists ({@code retryOnFailedConnect}), and giving up once every server used up its
 * attempts.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class ReconnectLifecycleIT {
    /** Bound on close and drain while reconnecting: neither may wait for a server that never returns. */
    private static final long PROMPT_SECONDS = 5;
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void closeWhileReconnectingReturnsPromptlyAndFailsPendingRequests(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build());
        try {
            nc.subscribe("close.silent");
            nc.flush(WAIT);
            CompletableFuture<Message> sentBefore = nc.requestAsync("close.silent", null, bytes("before"), LONG);
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);
            CompletableFuture<Message> keptWhileDown = nc.requestAsync("close.silent", null, bytes("during"), LONG);

            CompletableFuture.runAsync(nc::close).get(PROMPT_SECONDS, TimeUnit.SECONDS);

            assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
            recorder.await(ConnectionEvent.Type.CLOSED);
            for (CompletableFuture<Message> pending : java.util.List.of(sentBefore, keptWhileDown)) {
                ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                    () -> pending.get(PROMPT_SECONDS, TimeUnit.SECONDS));
                assertThat(failed).isNotNull();
                assertThat(failed.getCause()).isInstanceOf(ConnectionClosedException.class);
            }
            assertThatThrownBy(() -> nc.publish("close.silent", "after")).isInstanceOf(ConnectionClosedException.class);
        } finally {
            nc.close();
        }
    }

    @Test
    void drainWhileReconnectingEndsClosed(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build());
        try {
            nc.subscribe("drain.silent");
            nc.flush(WAIT);
            CompletableFuture<Message> pending = nc.requestAsync("drain.silent", null, bytes("before"), LONG);
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);

            CompletableFuture.runAsync(() -> nc.drain(Duration.ofSeconds(PROMPT_SECONDS)))
                .get(PROMPT_SECONDS * 2, TimeUnit.SECONDS);

            assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
            recorder.await(ConnectionEvent.Type.CLOSED);
            ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                () -> pending.get(PROMPT_SECONDS, TimeUnit.SECONDS));
            assertThat(failed).isNotNull();
            assertThat(failed.getCause()).isInstanceOf(ConnectionClosedException.class);
        } finally {
            nc.close();
        }
    }

    /**
     * With {@code retryOnFailedConnect}, connecting to a port where no server listens yet returns at
     * once; what is subscribed and published meanwhile (within the buffer) reaches the server that
     * starts there later.
     */
    @Test
    void retryOnFailedConnectConnectsToAServerStartedLater() throws Exception {
        int port = FreePorts.loopback();
        Recorder recorder = new Recorder();
        Options o = Clients.fastReconnect("nats://127.0.0.1:" + port).reconnect(r -> r.retryOnFailedConnect(true))
            .connectionListener(recorder).errorListener(recorder).build();
        Connection nc = CompletableFuture.supplyAsync(() -> Nats.connect(o)).get(PROMPT_SECONDS, TimeUnit.SECONDS);
        try {
            assertThat(nc.status()).isEqualTo(ConnectionStatus.RECONNECTING);
            Subscription s = nc.subscribe("early.>");
            for (int i = 0; i < 5; i++) {
                nc.publish("early.before", "before the server " + i);
            }

            try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false).port(port).build())) {
                ConnectionEvent connected = recorder.await(ConnectionEvent.Type.CONNECTED);
                assertThat(connected.serverUrl()).isEqualTo(server.url());
                assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
                assertThat(nc.serverInfo().port()).isEqualTo(port);
                for (int i = 0; i < 5; i++) {
                    assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("before the server " + i);
                }
                nc.publish("early.after", "after");
                assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("after");
                assertThat(recorder.eventTypes()).doesNotContain(ConnectionEvent.Type.DISCONNECTED,
                    ConnectionEvent.Type.RECONNECTED);
                assertThat(nc.statistics().reconnects()).isZero();
            }
        } finally {
            nc.close();
        }
    }

    @Test
    void usingUpMaxReconnectsClosesTheConnectionSayingWhy(NatsServer server) {
        Recorder recorder = new Recorder();
        Connection nc = Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT)
            .reconnect(r -> r.maxReconnects(3).wait(Duration.ofMillis(10)).maxWait(Duration.ofMillis(20))
                .jitter(Duration.ZERO))
            .connectionListener(recorder).build());
        try {
            server.kill();

            ConnectionEvent closed = recorder.await(ConnectionEvent.Type.CLOSED);

            assertThat(closed.detail()).contains("no server left");
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
            assertThat(recorder.eventTypes()).containsExactly(ConnectionEvent.Type.CONNECTED,
                ConnectionEvent.Type.DISCONNECTED, ConnectionEvent.Type.CLOSED);
            assertThatThrownBy(() -> nc.publish("gone", "x")).isInstanceOf(ConnectionClosedException.class);
        } finally {
            nc.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
