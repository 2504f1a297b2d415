package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import org.junit.jupiter.api.Test;

/** {@code relay rmq} over TLS verified against the test CA, and refused with another CA. */
@RocketMqTest(mode = RocketMqServer.Mode.TLS)
class RmqCliTlsIT {
    @Test
    void sendsOverVerifiedTlsAndFailsWithTheWrongCa(RocketMqServer server) {
        String topic = RmqCliIT.topic("CliTls");
        Cli.Result ok = Cli.run("rmq", "--namesrv", server.nameServer(), "--tlsca", server.caCertificate().toString(),
            "send", topic, "over tls");
        Cli.Result wrongCa = Cli.run("rmq", "--namesrv", server.nameServer(), "--tlsca",
            server.otherCaCertificate().toString(), "send", topic, "refused");

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("SEND_OK " + topic);
        assertThat(wrongCa.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertThat(wrongCa.err()).contains("TLS handshake with " + server.nameServer());
    }
}
