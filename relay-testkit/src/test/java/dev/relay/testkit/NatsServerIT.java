package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Integration tests of {@link NatsServer} against the real nats-server binary (the pinned current one by default). */
class NatsServerIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void startsOnLoopbackAndGreetsWithJetStream() {
        try (NatsServer server = NatsServer.start(); RawClient client = RawClient.connect(server.port())) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + server.port());
            assertThat(server.isRunning()).isTrue();
            assertThat(server.pid()).isPositive();
            assertThat(client.info()).startsWith("INFO {").contains("\"jetstream\":true")
                    .contains("\"version\":\"" + server.version() + "\"").contains("\"port\":" + server.port())
                    .contains("\"server_name\":\"relay-" + server.port() + "\"");
            assertThat(server.serverInfo()).startsWith("{").contains("\"jetstream\":true");
            assertThat(server.version()).isEqualTo(NatsServerBinary.version(NatsServerBinary.locate()));
            assertThat(server.configFile()).content().contains("listen: 127.0.0.1:" + server.port())
                    .contains("store_dir: \"" + server.storeDir() + "\"");
            assertThat(server.logTail(50)).contains("Server is ready");
        }
    }

    @Test
    void jetStreamCanBeDisabledAndDebugEnabled() {
        NatsServerConfig config = NatsServerConfig.builder().jetStream(false).debug(true).name("plain").build();
        try (NatsServer server = NatsServer.start(config); RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).doesNotContain("\"jetstream\":true").contains("\"server_name\":\"plain\"");
            client.handshake();
            assertThat(server.configFile()).content().doesNotContain("jetstream").contains("trace: true");
            assertThat(server.logTail(200)).contains("[TRC]");
        }
    }

    @Test
    void restartComesBackOnTheSamePortWithTheSameStore() {
        try (NatsServer server = NatsServer.start()) {
            int port = server.port();
            long firstPid = server.pid();
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(server.isRunning()).isTrue();
            try (RawClient client = RawClient.connect(port)) {
                assertThat(client.info()).contains("\"port\":" + port);
                client.handshake();
            }
            assertThat(server.storeDir().resolve("jetstream")).isDirectory();
        }
    }

    @Test
    void killCrashesTheServerAndRestartRecovers() {
        try (NatsServer server = NatsServer.start()) {
            int port = server.port();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(RawClient.refuses(port)).isTrue();
            server.restart();
            assertThat(RawClient.refuses(port)).isFalse();
        }
    }

    @Test
    void stopIsGracefulAndCloseDeletesFiles() {
        NatsServer server = NatsServer.start();
        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThat(RawClient.refuses(server.port())).isTrue();
        assertThat(server.logTail(5)).contains("Server Exiting");
        server.close();
        server.close();
        assertThat(server.workDir()).doesNotExist();
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepLogsOnCloseKeepsConfigAndLog() throws IOException {
        NatsServer server = NatsServer.start(NatsServerConfig.builder().keepLogsOnClose(true).build());
        server.close();
        try {
            assertThat(server.logFile()).content().contains("Server is ready");
            assertThat(server.configFile()).exists();
            assertThat(server.storeDir()).doesNotExist();
        } finally {
            new ServerFiles(server.workDir(), server.configFile(), server.logFile(), server.storeDir(),
                    server.workDir().resolve("ports")).deleteAll();
        }
        assertThat(Files.exists(server.workDir())).isFalse();
    }

    /**
     * nats-server on SIGUSR2 (2.9.10 and 2.15.3 alike): logs "Entering lame duck mode", closes its
     * listener at once, pushes INFO with "ldm":true to clients that sent CONNECT, closes them after the
     * grace period, then exits by itself. Since 2.10 the server also answers CONNECT with an INFO of its
     * own ({@code "connect_info":true}), so the lame duck INFO is the first one that has {@code ldm}.
     */
    @Test
    void lameDuckNotifiesClientsRefusesNewOnesThenExits() {
        NatsServerConfig config = NatsServerConfig.builder()
                .extraConfig("lame_duck_grace_period: \"1s\"\nlame_duck_duration: \"30s\"").build();
        try (NatsServer server = NatsServer.start(config); RawClient client = RawClient.connect(server.port())) {
            client.handshake();
            server.lameDuck();
            String ldmInfo = client.awaitLine(
                    line -> line.startsWith("INFO {") && InfoJson.booleanField(line, "ldm").isPresent(), WAIT);
            assertThat(InfoJson.booleanField(ldmInfo, "ldm")).contains(true);
            assertThat(RawClient.refuses(server.port())).isTrue();
            client.awaitClosed(WAIT);
            assertThat(server.awaitExit(WAIT)).isTrue();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.logTail(30)).contains("Entering lame duck mode").contains("Server Exiting");
            assertThatThrownBy(server::lameDuck).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void templatePlaceholdersAreSubstituted() {
        NatsServerConfig config = NatsServerConfig.builder().name("tmpl").configTemplate("""
                listen: {{host}}:{{port}}
                server_name: {{name}}-{{port}}
                jetstream { store_dir: "{{store_dir}}" }
                """).build();
        try (NatsServer server = NatsServer.start(config); RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).contains("\"server_name\":\"tmpl-" + server.port() + "\"")
                    .contains("\"jetstream\":true");
            assertThat(server.configFile()).content().doesNotContain("{{")
                    .contains("store_dir: \"" + server.storeDir().toAbsolutePath() + "\"");
        }
    }

    @Test
    void brokenConfigFailsWithTheLogTail() {
        NatsServerConfig config = NatsServerConfig.builder().extraConfig("max_payload: {{ not valid").build();
        assertThatThrownBy(() -> NatsServer.start(config))
                .isInstanceOf(NatsServerException.class)
                .hasMessageContaining("failed to start")
                .hasMessageContaining("exited with code")
                .hasMessageContaining("max_payload: {{ not valid")
                .hasMessageContaining("--- last 30 lines of")
                // nats-server 2.9.10 prints parse errors to stderr, by line number, without the file name
                .hasMessageContaining("nats-server: Parse error on line 8:");
    }

    @Test
    void lostPortRaceIsRetriedOnAnotherPort() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, FreePorts.loopbackAddress())) {
            AtomicInteger picks = new AtomicInteger();
            int taken = squatter.getLocalPort();
            try (NatsServer server = NatsServer.start(NatsServerConfig.defaults(),
                    () -> picks.getAndIncrement() == 0 ? taken : FreePorts.loopback())) {
                assertThat(picks).hasValue(2);
                assertThat(server.port()).isNotEqualTo(taken);
                assertThat(server.logTail(200)).contains("address already in use").contains("Server is ready");
            }
        }
    }

    @Test
    void fixedPortInUseFailsWithoutRetry() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, FreePorts.loopbackAddress())) {
            NatsServerConfig config = NatsServerConfig.builder().port(squatter.getLocalPort()).build();
            assertThatThrownBy(() -> NatsServer.start(config))
                    .isInstanceOf(NatsServerException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort() + " is already in use (fixed port)");
        }
    }

    @Test
    void freePortsAreBindableOnLoopback() throws IOException {
        int port = FreePorts.loopback();
        assertThat(port).isBetween(1, 65_535);
        try (ServerSocket socket = new ServerSocket(port, 1, FreePorts.loopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void closedServersAreNoLongerTrackedForTheShutdownHook() {
        int before = ProcessReaper.openCount();
        NatsServer server = NatsServer.start();
        assertThat(ProcessReaper.openCount()).isEqualTo(before + 1);
        server.close();
        assertThat(ProcessReaper.openCount()).isEqualTo(before);
    }

    @Test
    void detachedServerOutlivesCloseUntilKilledByPid() {
        int before = ProcessReaper.openCount();
        NatsServer server = NatsServer.start();
        try {
            server.detach();
            assertThat(ProcessReaper.openCount()).isEqualTo(before);
            server.close();
            assertThat(server.isRunning()).isTrue();
            assertThat(RawClient.refuses(server.port())).isFalse();
            assertThat(server.configFile()).exists();
            assertThat(server.storeDir()).isDirectory();
        } finally {
            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            process.destroy(); // what "kill PID" does
            assertThat(server.awaitExit(WAIT)).isTrue();
            new ServerFiles(server.workDir(), server.configFile(), server.logFile(), server.storeDir(),
                    server.workDir().resolve("ports")).deleteAll();
        }
    }
}
