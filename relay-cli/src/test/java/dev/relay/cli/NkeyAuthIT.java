package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.NKey;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay nkey gen} then {@code relay --nkey FILE …} against a real nats-server listing the new key. */
class NkeyAuthIT {

    @Test
    void aGeneratedUserKeyPublishesAndSubscribes(@TempDir Path dir) throws Exception {
        Path seedFile = dir.resolve("user.nk");
        Cli.Result gen = Cli.run("nkey", "gen", "--type", "user", "--seed-file", seedFile.toString());
        assertThat(gen.exitCode()).isZero();
        String publicKey = gen.out().lines().filter(l -> l.startsWith("Public key: ")).findFirst().orElseThrow()
            .substring("Public key: ".length());
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false)
                .extraConfig("authorization { users = [ { nkey: \"" + publicKey + "\" } ] }").build())) {
            Cli.Running sub = Cli.start("-s", server.url(), "--nkey", seedFile.toString(), "sub", "greet", "--count", "1")
                .awaitListening();
            Cli.Result pub = Cli.run("-s", server.url(), "--nkey", seedFile.toString(), "pub", "greet", "hello");
            assertThat(pub.exitCode()).as(pub.err()).isZero();
            Cli.Result received = sub.result();
            assertThat(received.exitCode()).isZero();
            assertThat(received.out()).contains("hello");

            Cli.Result anonymous = Cli.run("-s", server.url(), "pub", "greet", "hello");
            assertThat(anonymous.exitCode()).isEqualTo(ExitCodes.AUTH);
            assertThat(anonymous.err()).contains("Authorization Violation").contains("--nkey or --creds");
        }
    }

    @Test
    void aStrangerKeyIsRefusedAndABadSeedFileIsNamed(@TempDir Path dir) throws Exception {
        NKey known = NKey.create(NKey.Type.USER);
        Path stranger = dir.resolve("stranger.nk");
        Files.writeString(stranger, new String(NKey.create(NKey.Type.USER).seed()));
        Path notASeed = dir.resolve("junk.nk");
        Files.writeString(notASeed, "hello\n");
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false)
                .extraConfig("authorization { users = [ { nkey: \"" + known.publicKey() + "\" } ] }").build())) {
            Cli.Result refused = Cli.run("-s", server.url(), "--nkey", stranger.toString(), "pub", "x", "y");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
            assertThat(refused.err()).contains("Authorization Violation");

            Cli.Result junk = Cli.run("-s", server.url(), "--nkey", notASeed.toString(), "pub", "x", "y");
            assertThat(junk.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
            assertThat(junk.err()).contains("NKey seed file " + notASeed + " holds no user seed");

            Cli.Result both = Cli.run("-s", server.url(), "--nkey", stranger.toString(), "--creds", notASeed.toString(),
                "pub", "x", "y");
            assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(both.err()).contains("either --nkey or --creds");
        }
    }
}
