package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code relay sub} keeps going across a server restart and tells the person on stderr what happened. */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class ReconnectCliIT {

    /** How often the test publishes while it waits for the restored subscription to hear it. */
    private static final Duration REPUBLISH = Duration.ofMillis(100);

    @Test
    void subCountsOnAcrossARestartAndSaysSoOnStderr(NatsServer server) throws Exception {
        Cli.Running sub = Cli.start("-s", server.url(), "sub", "cli.restart", "--count", "4").awaitListening();
        try (Connection before = TestConnections.connect(server.url())) {
            before.publish("cli.restart", "one");
            before.publish("cli.restart", "two");
            before.flush(Cli.WAIT);
        }
        await().atMost(Cli.WAIT).until(() -> sub.out().toString().contains("[#2]"));

        server.kill();
        server.restart();
        await().atMost(Cli.WAIT).until(() -> sub.err().toString().contains("relay: reconnected to " + server.url()));

        // The restored SUB and this publisher's PUB travel on different connections: publish until the
        // subscription has heard one, then until the command has its 4 messages and ends.
        try (Connection after = TestConnections.connect(server.url())) {
            await().atMost(Cli.WAIT).pollInterval(REPUBLISH).until(() -> {
                after.publish("cli.restart", "after the restart");
                after.flush(Cli.WAIT);
                return sub.exit().isDone();
            });
        }

        Cli.Result result = sub.result();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("[#1] cli.restart", "one", "[#2] cli.restart", "two",
            "[#3] cli.restart", "[#4] cli.restart", "after the restart").doesNotContain("[#5]");
        assertThat(result.err()).containsSubsequence(
            "Listening on cli.restart at " + server.url(),
            "relay: disconnected from " + server.url(), "; reconnecting…",
            "relay: reconnected to " + server.url());
    }
}
