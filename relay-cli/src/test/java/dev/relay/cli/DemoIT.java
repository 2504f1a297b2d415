package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code relay demo} end to end: its own server (stopped or kept), or one given with -s. */
@NatsTest
class DemoIT {

    @Test
    void demoRunsEveryStepOnItsOwnServerAndStopsIt() {
        Cli.Result demo = Cli.run("demo");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.err()).isEmpty();
        assertThat(demo.out())
                .contains("Starting a local nats-server")
                .contains("1/6  Publish / subscribe with wildcards")
                .contains("demo.orders.*  received 2: demo.orders.new, demo.orders.paid")
                .contains("demo.>         received 4: demo.orders.new, demo.orders.paid, demo.orders.eu.new, "
                        + "demo.users.signup")
                .contains("2/6  Queue groups")
                .contains("9 tasks, 9 deliveries, 9 distinct tasks: each task was handled exactly once.")
                .contains("3/6  Headers")
                .contains("msg.headers().get(\"Tag\") = [eu, vip]")
                .contains("4/6  Request / reply")
                .contains("\"Hello, newcomer!\"")
                .contains("\"Hello, Ada!\"  \"Hello, Grace!\"  \"Hello, Linus!\"")
                .contains("5/6  No responders")
                .contains("NoRespondersException after")
                .contains("6/6  Connection statistics")
                .contains("requests 5, replies 4, dropped 0, errors 0, reconnects 0")
                .contains("The demo's nats-server is stopped.")
                .contains("Try next:")
                .contains("./relay demo --keep");
        long pid = Long.parseLong(find(demo.out(), "is up at nats://127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)\\)"));
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the demo's server, pid %d", pid).isEmpty();
    }

    @Test
    void keepLeavesTheServerRunningAndSaysHowToStopIt() throws Exception {
        Cli.Result demo = Cli.run("demo", "--keep");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        long pid = Long.parseLong(find(demo.out(), "PID +(\\d+)"));
        String url = find(demo.out(), "URL +(nats://\\S+)");
        Path files = Path.of(find(demo.out(), "files +(\\S+) \\(config, log, JetStream store\\)"));
        assertThat(files.getFileName().toString()).startsWith("relay-nats-");
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(demo.out()).contains("stop   kill " + pid)
                    .contains("./relay -s " + url + " sub 'demo.>'")
                    .contains("./relay -s " + url + " req demo.greet hi");
            assertThat(server.isAlive()).isTrue();
            try (Connection nc = TestConnections.connect(url)) {
                assertThat(nc.serverInfo().jetStream()).isTrue();
            }
        } finally {
            server.destroy();
            server.onExit().get(Cli.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            deleteTree(files);
        }
    }

    @Test
    void withDashSTheDemoUsesThatServer(NatsServer given) {
        Cli.Result demo = Cli.run("-s", given.url(), "demo", "--keep");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("Using the server given with -s: " + given.url())
                .doesNotContain("Starting a local nats-server")
                .contains("6/6  Connection statistics")
                .contains("--keep does nothing with -s")
                .contains("./relay -s " + given.url() + " sub 'demo.>'");
        assertThat(given.isRunning()).isTrue();
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
