package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.JwtIssuer;
import dev.relay.nats.NKey;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay command's TLS options (--tlsca, --tlscert/--tlskey, --tls-insecure, --tls-first) against real
 * TLS servers, and --creds against a real server in operator mode.
 */
class SecurityCliIT {

    private static NatsServer tlsServer(TestTls.Cert cert, boolean mutual) {
        return NatsServer.start(NatsServerConfig.builder().jetStream(false)
            .extraConfig(TestTls.serverBlock(cert, mutual)).build());
    }

    @Test
    void mutualTlsWorksWithCaCertAndKeyAndEachMissingPieceIsExplained() throws Exception {
        try (NatsServer server = tlsServer(TestTls.Cert.VALID, true)) {
            String url = "tls://localhost:" + server.port();
            String[] tls = {"--tlsca", TestTls.caPem().toString(), "--tlscert", TestTls.clientCertPem().toString(),
                "--tlskey", TestTls.clientKeyPem().toString()};
            Cli.Running sub = Cli.start(concat(new String[] {"-s", url}, tls, "sub", "secure", "--count", "1"))
                .awaitListening();
            Cli.Result pub = Cli.run(concat(new String[] {"-s", url}, tls, "pub", "secure", "sealed"));
            assertThat(pub.exitCode()).as(pub.err()).isZero();
            assertThat(sub.result().out()).contains("sealed");

            Cli.Result noCa = Cli.run("-s", url, "pub", "secure", "x");
            assertThat(noCa.exitCode()).isEqualTo(ExitCodes.GENERAL);
            assertThat(noCa.err()).contains("unknown CA").contains("--tlsca");

            Cli.Result noCert = Cli.run("-s", url, "--tlsca", TestTls.caPem().toString(), "pub", "secure", "x");
            assertThat(noCert.exitCode()).isEqualTo(ExitCodes.GENERAL);
            assertThat(noCert.err()).contains("requires a client certificate").contains("--tlscert");

            Cli.Result plain = Cli.run("-s", server.url(), "pub", "secure", "x");
            assertThat(plain.err()).contains("requires TLS");

            Cli.Result halfPair = Cli.run("-s", url, "--tlscert", TestTls.clientCertPem().toString(), "pub", "a", "b");
            assertThat(halfPair.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(halfPair.err()).contains("--tlscert and --tlskey go together");
        }
    }

    @Test
    void tlsInsecureAcceptsACertificateForAnotherNameAndTlsFirstExplainsThe29Limit() {
        try (NatsServer server = tlsServer(TestTls.Cert.OTHER_NAME, false)) {
            Cli.Result strict = Cli.run("-s", server.url(), "--tlsca", TestTls.caPem().toString(), "pub", "a", "b");
            assertThat(strict.exitCode()).isEqualTo(ExitCodes.GENERAL);
            assertThat(strict.err()).contains("hostname verification failed");

            Cli.Result insecure = Cli.run("-s", server.url(), "--tls-insecure", "pub", "a", "b");
            assertThat(insecure.exitCode()).as(insecure.err()).isZero();

            Cli.Result first = Cli.run("-s", server.url(), "--tls-insecure", "--tls-first", "pub", "a", "b");
            assertThat(first.exitCode()).isEqualTo(ExitCodes.GENERAL);
            assertThat(first.err()).contains("handshake first").contains("2.10.4");

            Cli.Result both = Cli.run("-s", server.url(), "--tls-insecure", "--tlsca", TestTls.caPem().toString(),
                "pub", "a", "b");
            assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        }
    }

    @Test
    void credsAndNatsUrlCredentialsWorkAgainstTheirServers(@TempDir Path dir) throws Exception {
        NKey operator = NKey.create(NKey.Type.OPERATOR);
        NKey account = NKey.create(NKey.Type.ACCOUNT);
        NKey user = NKey.create(NKey.Type.USER);
        Path creds = dir.resolve("user.creds");
        Files.writeString(creds, JwtIssuer.creds(JwtIssuer.user(account, user.publicKey(), null), user.seed(), "\n"));
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false)
                .extraConfig(JwtIssuer.operatorModeConfig(operator, account, NKey.create(NKey.Type.ACCOUNT))).build())) {
            Cli.Running sub = Cli.start("-s", server.url(), "--creds", creds.toString(), "sub", "jwt", "--count", "1")
                .awaitListening();
            Cli.Result pub = Cli.run("-s", server.url(), "--creds", creds.toString(), "pub", "jwt", "signed");
            assertThat(pub.exitCode()).as(pub.err()).isZero();
            assertThat(sub.result().out()).contains("signed");

            Path broken = Files.writeString(dir.resolve("broken.creds"), "not a creds file\n");
            Cli.Result bad = Cli.run("-s", server.url(), "--creds", broken.toString(), "pub", "jwt", "x");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
            assertThat(bad.err()).contains(broken.toString());
        }
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false)
                .extraConfig("authorization { user: ann, password: s3cret }").build())) {
            String withCredentials = "nats://ann:s3cret@127.0.0.1:" + server.port();
            Cli.Result fromEnv = Cli.runWithEnv(Map.of("NATS_URL", withCredentials), "pub", "env", "x");
            assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
            assertThat(fromEnv.err()).doesNotContain("s3cret");
        }
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] out = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
