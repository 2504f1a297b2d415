package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import org.junit.jupiter.api.Test;

/** {@code relay js} against a server without JetStream says how to turn it on. */
@NatsTest
@NatsServerOptions(jetStream = false)
class JetStreamOffCliIT {

    @Test
    void jsTellsToEnableJetStream(NatsServer server) {
        Cli.Result r = Cli.run("-s", server.url(), "stream", "ls");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertThat(r.err()).contains("JetStream is not enabled").contains("nats-server -js");
    }
}
