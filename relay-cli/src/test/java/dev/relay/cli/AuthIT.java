package dev.relay.cli;

import static dev.relay.cli.CliIT.assertOneErrorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import org.junit.jupiter.api.Test;

/** Credentials and permissions refused by a real nats-server: exit code 6 and one line saying what to check. */
@NatsTest
@NatsServerOptions(extraConfig = """
    authorization {
      users = [
        { user: a, password: b }
        { user: limited, password: pw, permissions: {
            publish: { allow: ["ok.>", "_INBOX.>"] },
            subscribe: { allow: ["ok.>", "_INBOX.>"] } } }
      ]
    }
    """)
class AuthIT {

    @Test
    void wrongPasswordIsAnAuthenticationFailure(NatsServer server) {
        Cli.Result pub = Cli.run("-s", server.url(), "--user", "a", "--password", "wrong", "pub", "x", "y");

        assertThat(pub.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(pub.out()).isEmpty();
        assertOneErrorLine(pub).contains("authentication failed").contains("--user/--password");
    }

    @Test
    void missingCredentialsAreAnAuthenticationFailure(NatsServer server) {
        Cli.Result pub = Cli.run("-s", server.url(), "pub", "x", "y");

        assertThat(pub.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertOneErrorLine(pub).contains("authentication failed");
    }

    @Test
    void rightCredentialsWorkBeforeOrAfterTheCommand(NatsServer server) {
        Cli.Result before = Cli.run("-s", server.url(), "--user", "a", "--password", "b", "pub", "x", "y");
        Cli.Result after = Cli.run("pub", "x", "y", "-s", server.url(), "--user", "a", "--password", "b");

        assertThat(before.exitCode()).isZero();
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).isEqualTo("Published 1 message to x\n");
    }

    @Test
    void aDeniedRequestIsAnAuthorizationFailure(NatsServer server) {
        Cli.Result req = Cli.run("-s", server.url(), "--user", "limited", "--password", "pw", "req", "secret.x", "hi");

        assertThat(req.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertOneErrorLine(req).contains("not authorized").contains("Permissions Violation");
    }

    @Test
    void aDeniedPublishIsAnAuthorizationFailureNotASuccess(NatsServer server) {
        Cli.Result pub = Cli.run("-s", server.url(), "--user", "limited", "--password", "pw", "pub", "secret.x", "hi");
        Cli.Result allowed = Cli.run("-s", server.url(), "--user", "limited", "--password", "pw", "pub", "ok.x", "hi");

        assertThat(pub.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(pub.out()).isEmpty();
        assertOneErrorLine(pub).contains("Permissions Violation for Publish to \"secret.x\"");
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.err()).isEmpty();
    }

    @Test
    void aDeniedSubscriptionEndsSubWithAnAuthorizationFailure(NatsServer server) throws Exception {
        Cli.Running sub = Cli.start("-s", server.url(), "--user", "limited", "--password", "pw", "sub", "secret.>");

        Cli.Result result = sub.result();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.err()).contains("Listening on secret.>");
        assertThat(result.err().lines().filter(l -> l.startsWith("relay: "))).singleElement().asString()
                .contains("not authorized").contains("Permissions Violation for Subscription to \"secret.>\"");
    }

    @Test
    void credentialsInTheServerUrlAreNotPrinted(NatsServer server) throws Exception {
        String url = server.url().replace("nats://", "nats://a:b@");
        Cli.Running sub = Cli.start("-s", url, "sub", "ok.cred", "--count", "1").awaitListening();
        Cli.Result pub = Cli.run("-s", url, "pub", "ok.cred", "hi");

        Cli.Result result = sub.result();

        assertThat(pub.exitCode()).isZero();
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("Listening on ok.cred at " + server.url().replace("nats://", "nats://***@"))
                .doesNotContain("a:b@");
    }
}
