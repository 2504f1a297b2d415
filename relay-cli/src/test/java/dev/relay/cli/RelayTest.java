package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Options;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Global options: where the server comes from and how credentials combine. */
class RelayTest {

    private static Relay parse(Map<String, String> env, String... args) {
        Relay relay = new Relay(env, new ByteArrayInputStream(new byte[0]));
        Relay.newCommandLine(relay).parseArgs(args);
        return relay;
    }

    @Test
    void serverDefaultsToNatsUrlThenToTheLocalDefault() {
        assertThat(parse(Map.of(), "pub", "x", "y").serverUrl()).isEqualTo(Options.DEFAULT_URL);
        assertThat(parse(Map.of("NATS_URL", " "), "pub", "x").serverUrl()).isEqualTo(Options.DEFAULT_URL);
        Relay fromEnv = parse(Map.of("NATS_URL", "nats://env:4333"), "pub", "x");
        assertThat(fromEnv.serverUrl()).isEqualTo("nats://env:4333");
        assertThat(fromEnv.serverGiven()).isFalse();
    }

    @Test
    void dashSWinsWhereverItIsGiven() {
        Relay before = parse(Map.of("NATS_URL", "nats://env:4333"), "-s", "nats://a:1,nats://b:2", "pub", "x");
        Relay after = parse(Map.of(), "sub", "x", "--server", "nats://c:3");

        assertThat(before.serverUrl()).isEqualTo("nats://a:1,nats://b:2");
        assertThat(before.serverGiven()).isTrue();
        assertThat(before.options(before.serverUrl()).servers())
                .containsExactly(URI.create("nats://a:1"), URI.create("nats://b:2"));
        assertThat(after.serverUrl()).isEqualTo("nats://c:3");
    }

    @Test
    void globalOptionsBecomeConnectionOptions() {
        Relay relay = parse(Map.of(), "--user", "u", "--password", "p", "--name", "me",
                "--connect-timeout", "750ms", "pub", "x");

        Options o = relay.options("nats://h:1");

        assertThat(o.user()).contains("u");
        assertThat(o.password()).contains("p");
        assertThat(o.name()).contains("me");
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(parse(Map.of(), "--token", "t", "pub", "x").options("h").token()).contains("t");
        assertThat(parse(Map.of(), "pub", "x").options("h").name()).contains("relay");
    }

    @Test
    void credentialOptionsMustGoTogether() {
        assertThatThrownBy(() -> parse(Map.of(), "--user", "u", "pub", "x").options("h"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--user and --password go together");
        assertThatThrownBy(() -> parse(Map.of(), "--password", "p", "pub", "x").options("h"))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> parse(Map.of(), "--user", "u", "--password", "p", "--token", "t", "pub", "x")
                .options("h")).isInstanceOf(ParameterException.class).hasMessageContaining("not both");
    }

    @Test
    void bareRelayShowsTheHelp() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cl = Relay.newCommandLine(new Relay());
        cl.setOut(new java.io.PrintWriter(out));

        assertThat(cl.execute()).isZero();
        assertThat(out.toString()).startsWith("Usage: relay").contains("Commands:");
    }

    @Test
    void bodyPlaceholderBecomesTheMessageNumberAndOtherBytesStay() {
        byte[] binary = {(byte) 0xFF, '{', '{', 'n', '}', '}', 0x00};

        assertThat(new String(PubCommand.render("tick {{n}} of {{n}}".getBytes(), 12))).isEqualTo("tick 12 of 12");
        assertThat(PubCommand.render(binary, 3)).containsExactly((byte) 0xFF, '3', 0x00);
        byte[] plain = "no placeholder".getBytes();
        assertThat(PubCommand.render(plain, 1)).isSameAs(plain);
    }
}
