package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.ConnectionException;
import dev.relay.nats.ConnectionStatus;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Options;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The connection core driven through a fake transport and a manual clock: handshake, the handshake
 * deadline, answering the server's PINGs, stale-link detection and request deadlines. No server, no sleep:
 * the test thread plays the I/O thread.
 */
class InboundTest {
    private static final String INFO = "INFO {\"server_id\":\"FAKE\",\"version\":\"2.15.3\",\"proto\":1,"
        + "\"headers\":true,\"max_payload\":1048576}\r\n";

    private final ManualClock clock = new ManualClock();
    private final FakeTransport.FakeConnector connector = new FakeTransport.FakeConnector(clock);

    private CompletableFuture<RealConnection> connecting(Options.Builder options) {
        Options o = options.servers("nats://127.0.0.1:4222").build();
        return CompletableFuture.supplyAsync(() -> RealConnection.connect(o, clock, connector));
    }

    private RealConnection connected(Options.Builder options, FakeTransport[] wireOut) throws Exception {
        CompletableFuture<RealConnection> c = connecting(options);
        FakeTransport wire = connector.next();
        wire.serverSends(INFO);
        wire.serverSends("PONG\r\n");
        wireOut[0] = wire;
        return c.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theHandshakeIsInfoThenConnectAndPingThenPong() throws Exception {
        CompletableFuture<RealConnection> c = connecting(Options.builder().name("fake"));
        FakeTransport wire = connector.next();
        assertThat(wire.clientWrote()).as("nothing before the server's INFO").isEmpty();

        wire.serverSends(INFO);
        assertThat(wire.clientWrote()).startsWith("CONNECT {").contains("\"name\":\"fake\"").endsWith("}\r\nPING\r\n");
        assertThat(c).isNotDone();

        wire.serverSends("PONG\r\n");
        RealConnection nc = c.get(10, TimeUnit.SECONDS);
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
        nc.close();
    }

    @Test
    void aHandshakeDeadlineSaysTheServerSentNoInfo() throws Exception {
        CompletableFuture<RealConnection> c = connecting(Options.builder().connectTimeout(Duration.ofSeconds(2))
            .noReconnect());
        FakeTransport wire = connector.next();
        clock.advance(Duration.ofMillis(1999));
        wire.runTasks();
        assertThat(c).isNotDone();

        clock.advance(Duration.ofMillis(1));
        wire.runTasks();
        assertThatThrownBy(() -> c.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ConnectionException.class)
            .hasMessageContaining("connected to nats://127.0.0.1:4222, but no INFO arrived within 2s");
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void theServersPingIsAnsweredWithPong() throws Exception {
        FakeTransport[] wire = new FakeTransport[1];
        RealConnection nc = connected(Options.builder(), wire);
        int before = wire[0].clientWrote().length();

        wire[0].serverSends("PING\r\n");

        assertThat(wire[0].clientWrote().substring(before)).isEqualTo("PONG\r\n");
        nc.close();
    }

    @Test
    void aLinkWhosePingsGoUnansweredIsDeclaredStale() throws Exception {
        FakeTransport[] wire = new FakeTransport[1];
        RealConnection nc = connected(Options.builder().pingInterval(Duration.ofSeconds(2)).maxPingsOut(2)
            .noReconnect(), wire);
        int before = wire[0].clientWrote().length();

        clock.advance(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(wire[0].clientWrote().substring(before)).isEqualTo("PING\r\nPING\r\n");
        assertThat(wire[0].isOpen()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        wire[0].runTasks();
        assertThat(wire[0].isOpen()).as("closed as stale on the third tick").isFalse();
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
    }

    @Test
    void aPongAnswersTheFlushWaitingForIt() throws Exception {
        FakeTransport[] wire = new FakeTransport[1];
        RealConnection nc = connected(Options.builder(), wire);
        CompletableFuture<Void> flushed = nc.flushAsync(Duration.ofSeconds(5));
        assertThat(wire[0].clientWrote()).endsWith("PING\r\n");
        assertThat(flushed).isNotDone();

        wire[0].serverSends("PONG\r\n");
        assertThat(flushed).isCompleted();
        nc.close();
    }

    @Test
    void aRequestTimesOutOnTheConnectionsClock() throws Exception {
        FakeTransport[] wire = new FakeTransport[1];
        RealConnection nc = connected(Options.builder(), wire);
        CompletableFuture<Message> f = nc.requestAsync("svc", null, new byte[0], Duration.ofMillis(100));
        assertThat(wire[0].clientWrote()).contains("SUB _INBOX.").contains("PUB svc _INBOX.");

        clock.advance(Duration.ofMillis(99));
        assertThat(f).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(f::get).hasCauseInstanceOf(NatsTimeoutException.class)
            .hasMessageContaining("within 100ms");
        nc.close();
    }

    @Test
    void aReconnectRestoresTheSubscriptionsButNotOneBeingDrained() throws Exception {
        FakeTransport[] first = new FakeTransport[1];
        RealConnection nc = connected(Options.builder().reconnect(r -> r.maxReconnects(-1)
            .wait(Duration.ofMillis(10)).jitter(Duration.ZERO)), first);
        nc.subscribe("kept");
        dev.relay.nats.Subscription drained = nc.subscribe("drained");
        CompletableFuture<Void> drain = drained.drainAsync(Duration.ofSeconds(5));
        assertThat(first[0].clientWrote()).contains("SUB kept 1\r\n").contains("SUB drained 2\r\n")
            .contains("UNSUB 2\r\n");

        first[0].close();             // the server goes away before it answers the drain's PING
        first[0].runTasks();
        assertThat(drain).isCompletedExceptionally();

        clock.advance(Duration.ofMillis(50));
        FakeTransport second = connector.next();
        second.serverSends(INFO);
        second.serverSends("PONG\r\n");
        String restored = second.clientWrote();
        assertThat(restored).contains("SUB kept 1\r\n").doesNotContain("drained");
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
        nc.close();
    }

    @Test
    void whatIsKeptWhileReconnectingCanBeDiscardedAndItsFlushFails() throws Exception {
        FakeTransport[] first = new FakeTransport[1];
        RealConnection nc = connected(Options.builder().reconnect(r -> r.maxReconnects(-1)
            .wait(Duration.ofMillis(10)).jitter(Duration.ZERO)), first);
        assertThatThrownBy(nc::discardPendingOutbound).isInstanceOf(IllegalStateException.class);
        first[0].close();
        first[0].runTasks();
        nc.publish("stale", "not to be replayed".getBytes());
        CompletableFuture<Void> flush = nc.flushAsync(Duration.ofSeconds(5));
        assertThat(nc.pendingOutboundBytes()).isPositive();

        long dropped = nc.discardPendingOutbound();

        assertThat(dropped).isPositive();
        assertThat(nc.pendingOutboundBytes()).isZero();
        assertThat(flush).isCompletedExceptionally();
        FakeTransport second = connector.next();
        second.serverSends(INFO);
        second.serverSends("PONG\r\n");
        assertThat(second.clientWrote()).doesNotContain("stale");
        nc.close();
    }

    @Test
    void aServerThatStopsReadingLosesTheLinkAfterTheSocketWriteTimeout() throws Exception {
        FakeTransport[] wire = new FakeTransport[1];
        RealConnection nc = connected(Options.builder().socketWriteTimeout(Duration.ofSeconds(2)).noReconnect(), wire);
        wire[0].stallWrites = true;
        nc.publish("stuck", new byte[16]);
        wire[0].runTasks();
        assertThat(wire[0].clientWrote()).contains("PUB stuck 16");

        clock.advance(Duration.ofMillis(1900));
        wire[0].runTasks();
        assertThat(wire[0].isOpen()).as("within the timeout").isTrue();
        clock.advance(Duration.ofMillis(700));
        wire[0].runTasks();
        assertThat(wire[0].isOpen()).as("past it").isFalse();
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
    }

    @Test
    void aServerListProviderIsAskedBeforeEachReconnectRound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        FakeTransport[] first = new FakeTransport[1];
        RealConnection nc = connected(Options.builder().reconnect(r -> r.maxReconnects(-1)
                .wait(Duration.ofMillis(10)).jitter(Duration.ZERO))
            .serverListProvider(() -> {
                asked.incrementAndGet();
                return java.util.List.of("nats://127.0.0.1:4333");
            }), first);
        assertThat(nc.servers()).containsExactly("nats://127.0.0.1:4222");

        first[0].close();
        first[0].runTasks();
        FakeTransport second = connector.next();

        assertThat(asked.get()).isEqualTo(1);
        assertThat(nc.servers()).containsExactly("nats://127.0.0.1:4333");
        second.serverSends(INFO);
        second.serverSends("PONG\r\n");
        assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
        nc.close();
    }
}
