package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes no real server sends: a loopback socket that speaks broken NATS. The client must end in a
 * ProtocolException (or a clear connect failure), never hang or buffer without bound.
 */
class HostileServerIT {
    private static final String INFO = "INFO {\"server_id\":\"x\",\"version\":\"2.9.10\",\"max_payload\":1048576,"
        + "\"headers\":true,\"proto\":1}\r\n";
    private ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private String url() {
        return "nats://127.0.0.1:" + listener.getLocalPort();
    }

    /** Accepts one client, sends {@code greeting}, and if asked completes the handshake first. */
    private CompletableFuture<OutputStream> serve(String greeting, boolean handshake) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = listener.accept();
                accepted.add(s);
                OutputStream out = s.getOutputStream();
                if (handshake) {
                    out.write(INFO.getBytes(StandardCharsets.US_ASCII));
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.equals("PING")) {
                        // CONNECT comes first
                    }
                    out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(greeting.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Options options(String url, List<Throwable> errors, List<ConnectionEvent> events) {
        // Reconnecting would only meet the same broken server again: these tests look at the first failure.
        return Options.builder().servers(url).connectTimeout(Duration.ofSeconds(2)).noReconnect()
            .errorListener(new ErrorListener() {
                @Override
                public void onException(Connection c, Throwable e) {
                    errors.add(e);
                }
            })
            .connectionListener(events::add)
            .build();
    }

    @Test
    void garbageInsteadOfInfoFailsConnectWithAProtocolError() {
        serve("HELLO I AM NOT NATS\r\n", false);
        assertThatThrownBy(() -> Nats.connect(url()))
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("unknown protocol operation")
            .satisfies(e -> assertThat(((ProtocolException) e).excerpt()).isEqualTo("HELLO I AM NOT NATS"));
    }

    @Test
    void infoThatIsNotJsonFailsConnect() {
        serve("INFO {not json\r\n", false);
        assertThatThrownBy(() -> Nats.connect(url())).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("INFO is not valid JSON");
    }

    @Test
    void silenceFailsConnectAfterTheTimeoutNamingTheUrl() {
        serve("", false);
        assertThatThrownBy(() -> Nats.connect(Options.builder().servers(url())
                .connectTimeout(Duration.ofMillis(500)).build()))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining(url())
            .hasMessageContaining("no NATS handshake")
            .hasMessageContaining("no INFO arrived within 500ms")
            .satisfies(e -> assertThat(e.getStackTrace()).as("the caller's stack, not only the event loop's")
                .anyMatch(f -> f.getMethodName().equals("silenceFailsConnectAfterTheTimeoutNamingTheUrl")));
    }

    @Test
    void anEndlessControlLineEndsInAProtocolErrorNotUnboundedMemory() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<OutputStream> server = serve("", true);
        try (Connection nc = Nats.connect(options(url(), errors, events))) {
            OutputStream out = server.get();
            byte[] junk = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 64 && nc.status() != ConnectionStatus.CLOSED; i++) {
                    out.write(junk);
                    out.flush();
                }
            } catch (IOException closedByClient) {
                // the client hung up, as it should
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> nc.status() == ConnectionStatus.CLOSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
            assertThat(errors.get(0)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("control line longer than");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .anyMatch(e -> e.type() == ConnectionEvent.Type.DISCONNECTED));
        }
    }

    @Test
    void aMessageSizeThatLiesEndsInAProtocolErrorAndFailsWaitingCalls() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<OutputStream> server = serve("", true);
        try (Connection nc = Nats.connect(options(url(), errors, events))) {
            Subscription sub = nc.subscribe("foo");
            CompletableFuture<Message> waiting = CompletableFuture.supplyAsync(() -> sub.nextMessage(Duration.ofSeconds(30)));
            server.get().write("MSG foo 1 3\r\nabcdef\r\n".getBytes(StandardCharsets.US_ASCII));
            server.get().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> nc.status() == ConnectionStatus.CLOSED);
            assertThatThrownBy(() -> waiting.get()).cause().isInstanceOf(ConnectionClosedException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
            assertThat(errors.get(0)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not followed by CRLF");
            assertThat(((ProtocolException) errors.get(0)).offset()).isPositive();
        }
    }

    @Test
    void aHugeAnnouncedPayloadIsRefusedBeforeItArrives() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<OutputStream> server = serve("", true);
        try (Connection nc = Nats.connect(options(url(), errors, events))) {
            server.get().write("MSG foo 1 999999999\r\n".getBytes(StandardCharsets.US_ASCII));
            server.get().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> nc.status() == ConnectionStatus.CLOSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
            assertThat(errors.get(0)).isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds the limit");
        }
    }
}
