package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relay.testkit.FaultProxy;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A half-open link (a {@link FaultProxy} that stops forwarding while keeping both sockets open) is
 * found by the client's PINGs going unanswered, closed as stale and reconnected once the network
 * works again; and closing a connection whose writes are stuck on such a link still ends its socket.
 */
@NatsTest
@NatsServerOptions(jetStream = false)
class StaleConnectionIT {
    /** Generous: with a 200 ms ping interval and 2 PINGs out, detection takes about 600 ms. */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(15);

    /**
     * A server that stops reading (the proxy stalls: it takes one chunk and no more) fills the socket:
     * the batch in flight is never taken, and without a write timeout the link would only go when the
     * stale-link check fires, minutes later by default.
     */
    @Test
    void aLinkWhoseSocketTakesNothingIsGivenUpAfterTheSocketWriteTimeout(NatsServer server) {
        Recorder recorder = new Recorder();
        try (FaultProxy proxy = FaultProxy.start(server);
             Connection nc = Nats.connect(Clients.fastReconnect(proxy.url())
                 .connectTimeout(Duration.ofSeconds(1))
                 .pingInterval(Duration.ofMinutes(10))
                 .socketWriteTimeout(Duration.ofSeconds(1))
                 .connectionListener(recorder).errorListener(recorder).build())) {
            nc.flush(WAIT);
            proxy.stall();
            byte[] chunk = new byte[8 * 1024];
            for (int i = 0; i < 2048; i++) {      // 16 MiB: more than the socket buffers hold
                nc.publish("stuck", chunk);
            }
            ConnectionEvent lost = recorder.await(ConnectionEvent.Type.DISCONNECTED, 1, DETECTION_BOUND);
            assertThat(lost.detail()).contains("write timed out");
            proxy.pass();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            nc.flush(WAIT);
        }
    }

    @Test
    void aStalledLinkIsDetectedAsStaleAndReconnectedThroughTheProxy(NatsServer server) {
        Recorder recorder = new Recorder();
        try (FaultProxy proxy = FaultProxy.start(server);
             Connection nc = Nats.connect(Clients.fastReconnect(proxy.url())
                 .connectTimeout(Duration.ofSeconds(1))
                 .pingInterval(Duration.ofMillis(200))
                 .maxPingsOut(2)
                 .connectionListener(recorder).errorListener(recorder).build())) {
            Subscription s = nc.subscribe("stale.echo");
            nc.flush(WAIT);

            long stalledAt = System.nanoTime();
            proxy.stall();
            ConnectionEvent lost = recorder.await(ConnectionEvent.Type.DISCONNECTED, 1, DETECTION_BOUND);
            Duration detection = Duration.ofNanos(System.nanoTime() - stalledAt);
            System.out.printf("stale link detected after %d ms (ping interval 200 ms, max pings out 2)%n",
                detection.toMillis());
            assertThat(lost.detail()).contains("stale");
            // no handshake can finish through a stalled proxy: it stays reconnecting
            await().atMost(WAIT).until(() -> nc.status() == ConnectionStatus.RECONNECTING);

            proxy.pass();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            nc.publish("stale.echo", "through the proxy again");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("through the proxy again");
            assertThat(nc.serverInfo().port()).isEqualTo(server.port());
            assertThat(proxy.acceptedCount()).isGreaterThanOrEqualTo(2);
            assertThat(nc.statistics().reconnects()).isEqualTo(1);
        }
    }

    /**
     * close() writes what is pending for at most a 2 s grace, then must close the socket anyway. The
     * proxy stays stalled throughout, so only that forced close can end it; the client's side of the
     * link is watched in the kernel's socket table (Linux), since a stalled proxy reads nothing.
     */
    @Test
    void closingWithWritesStuckOnAStalledLinkStillClosesTheSocket(NatsServer server) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
        Recorder recorder = new Recorder();
        try (FaultProxy proxy = FaultProxy.start(server)) {
            Connection nc = Nats.connect(Clients.options(server).servers(proxy.url()).connectionListener(recorder).build());
            try {
                nc.flush(WAIT);
                assertThat(establishedTo(proxy.port())).isEqualTo(1);
                proxy.stall();
                byte[] payload = new byte[64 * 1024];
                // far more than the loopback socket buffers hold: a write stays pending
                for (int i = 0; i < 300; i++) {
                    nc.publish("stuck.writes", payload);
                }

                nc.close();

                recorder.await(ConnectionEvent.Type.CLOSED);
                await().atMost(WAIT).until(() -> establishedTo(proxy.port()) == 0);
            } finally {
                nc.close();
            }
        }
    }

    /** Client sockets in state ESTABLISHED whose remote end is the given local port, from /proc/net/tcp{,6}. */
    private static long establishedTo(int port) throws IOException {
        String remotePort = String.format(":%04X", port);
        long n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st ...; st 01 is ESTABLISHED
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[2].endsWith(remotePort) && f[3].equals("01")) {
                    n++;
                }
            }
        }
        return n;
    }
}
