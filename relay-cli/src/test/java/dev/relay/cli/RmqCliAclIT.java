package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import org.junit.jupiter.api.Test;

/** {@code relay rmq} with ACL credentials against a broker that requires them. */
@RocketMqTest(mode = RocketMqServer.Mode.ACL)
class RmqCliAclIT {
    @Test
    void sendsWithKeysAndIsRefusedWithout(RocketMqServer server) {
        String topic = RmqCliIT.topic("CliAcl");
        Cli.Result signed = Cli.run("rmq", "--namesrv", server.nameServer(), "--ak", RocketMqServer.ACL_USER,
            "--sk", RocketMqServer.ACL_PASSWORD, "send", topic, "signed");
        Cli.Result unsigned = Cli.run("rmq", "--namesrv", server.nameServer(), "send", topic, "unsigned");

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).startsWith("SEND_OK " + topic);
        assertThat(unsigned.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(unsigned.err()).contains("username cannot be null").contains("--ak/--sk");
    }
}
