package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Integration tests of {@link FaultProxy} in front of a real nats-server, over raw sockets. "Nothing
 * arrives" is checked with a 300 ms socket read timeout: a bound on a read that must not return,
 * never a sleep and never a timing assertion.
 */
@NatsTest
@NatsServerOptions(jetStream = false)
class FaultProxyIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int QUIET_MS = 300;
    private static final int IO_TIMEOUT_MS = 15_000;

    @Test
    void passForwardsTheNatsHandshake(NatsServer server) {
        try (FaultProxy proxy = FaultProxy.start(server); RawClient client = RawClient.connect(proxy.port())) {
            assertThat(proxy.url()).isEqualTo("nats://127.0.0.1:" + proxy.port());
            assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.PASS);
            assertThat(client.info()).startsWith("INFO {").contains("\"port\":" + server.port());
            client.handshake();
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxy.acceptedCount()).isEqualTo(1);
            assertThat(proxy.bytesForwarded()).isGreaterThan(client.info().length());
        }
    }

    /**
     * While stalled, a message the server sends to the proxied subscriber and a message the proxied
     * client publishes both stay in the proxy, and both sockets stay open; pass delivers both.
     */
    @Test
    void stallHoldsDataBothWaysWhileSocketsStayOpenAndPassDeliversIt(NatsServer server) throws IOException {
        try (FaultProxy proxy = FaultProxy.start(server);
                Socket proxied = connect(proxy.port());
                RawClient direct = RawClient.connect(server.port())) {
            BufferedReader proxiedIn = reader(proxied);
            assertThat(proxiedIn.readLine()).startsWith("INFO ");
            write(proxied, "CONNECT {\"verbose\":false}\r\nSUB fault.down 1\r\nPING\r\n");
            assertThat(proxiedIn.readLine()).isEqualTo("PONG");
            direct.handshake();
            direct.send("SUB fault.up 1\r\nPING\r\n");
            direct.awaitLine(line -> line.equals("PONG"), WAIT);

            proxy.stall();
            write(proxied, "PUB fault.up 2\r\nup\r\n");
            direct.send("PUB fault.down 4\r\ndown\r\nPING\r\n");
            direct.awaitLine(line -> line.equals("PONG"), WAIT); // the server has sent MSG fault.down
            assertQuiet(proxied);
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThatThrownBy(() -> direct.awaitLine(line -> line.startsWith("MSG"), Duration.ofMillis(QUIET_MS)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no matching line");

            proxy.pass();
            assertThat(proxiedIn.readLine()).isEqualTo("MSG fault.down 1 4");
            assertThat(proxiedIn.readLine()).isEqualTo("down");
            assertThat(direct.awaitLine(line -> line.startsWith("MSG"), WAIT)).isEqualTo("MSG fault.up 1 2");
        }
    }

    @Test
    void cutClosesTheClientSocketAndNewConnectionsStillWork(NatsServer server) throws IOException {
        try (FaultProxy proxy = FaultProxy.start(server); Socket proxied = connect(proxy.port())) {
            BufferedReader in = reader(proxied);
            assertThat(in.readLine()).startsWith("INFO ");
            proxy.cut();
            assertThat(proxy.connectionCount()).isZero();
            assertClosedByPeer(proxied);
            try (RawClient again = RawClient.connect(proxy.port())) {
                again.handshake();
                assertThat(proxy.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void cutDuringAStallClosesTheHeldConnection(NatsServer server) throws IOException {
        try (FaultProxy proxy = FaultProxy.start(server); Socket proxied = connect(proxy.port())) {
            assertThat(reader(proxied).readLine()).startsWith("INFO ");
            proxy.stall();
            write(proxied, "CONNECT {}\r\nPING\r\n");
            proxy.cut();
            assertClosedByPeer(proxied);
        }
    }

    @Test
    void refuseClosesNewConnectionsButKeepsCurrentOnes(NatsServer server) throws IOException {
        try (FaultProxy proxy = FaultProxy.start(server); RawClient current = RawClient.connect(proxy.port())) {
            current.handshake();
            proxy.refuse(true);
            assertThat(proxy.isRefusing()).isTrue();
            try (Socket refused = connect(proxy.port())) {
                assertClosedByPeer(refused);
            }
            current.handshake();
            proxy.refuse(false);
            try (RawClient again = RawClient.connect(proxy.port())) {
                again.handshake();
            }
            assertThat(proxy.acceptedCount()).isEqualTo(3);
        }
    }

    @Test
    void delayStillForwards(NatsServer server) {
        try (FaultProxy proxy = FaultProxy.start(server)) {
            proxy.delay(Duration.ofMillis(20));
            assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.DELAY);
            assertThat(proxy.delay()).isEqualTo(Duration.ofMillis(20));
            try (RawClient client = RawClient.connect(proxy.port())) {
                assertThat(client.info()).startsWith("INFO {");
                client.handshake();
            }
        }
        try (FaultProxy proxy = FaultProxy.start(server)) {
            assertThatThrownBy(() -> proxy.delay(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        }
    }

    @Test
    void unreachableTargetClosesTheClient() throws IOException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", FreePorts.loopback());
                Socket proxied = connect(proxy.port())) {
            assertClosedByPeer(proxied);
        }
    }

    @Test
    void closeEndsEveryProxyThreadEvenWhileStalled(NatsServer server) throws IOException {
        Set<Thread> before = proxyThreads();
        FaultProxy proxy = FaultProxy.start(server);
        try (Socket proxied = connect(proxy.port())) {
            assertThat(reader(proxied).readLine()).startsWith("INFO ");
            proxy.stall();
            write(proxied, "PING\r\n");
            Set<Thread> mine = proxyThreads();
            mine.removeAll(before);
            assertThat(mine).hasSizeGreaterThanOrEqualTo(3) // acceptor + one pump per direction
                    .allMatch(Thread::isDaemon)
                    .allMatch(t -> t.getName().matches("relay-fault-proxy-\\d+-\\d+"));
            proxy.close();
            assertThat(mine).noneMatch(Thread::isAlive);
            assertClosedByPeer(proxied);
        }
        proxy.close();
    }

    private static Set<Thread> proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("relay-fault-proxy-"))
                .collect(Collectors.toSet());
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), IO_TIMEOUT_MS);
        socket.setSoTimeout(IO_TIMEOUT_MS);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /**
     * A read times out: nothing arrives and the socket is still open (EOF would return -1). Reads
     * the raw stream, and only before any buffered reader has data pending, so nothing is lost.
     */
    private static void assertQuiet(Socket socket) throws IOException {
        socket.setSoTimeout(QUIET_MS);
        try {
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        } finally {
            socket.setSoTimeout(IO_TIMEOUT_MS);
        }
    }

    /** The peer closed: a read returns -1 (FIN) or throws (RST) before the I/O timeout. */
    private static void assertClosedByPeer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // drain whatever was sent before the close
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("socket still open after " + IO_TIMEOUT_MS + " ms", e);
        } catch (SocketException e) {
            // connection reset: closed too
        }
    }
}
