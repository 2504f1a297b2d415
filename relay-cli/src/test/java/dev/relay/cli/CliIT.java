package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Nats;
import dev.relay.nats.Subscription;
import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/** The {@code relay} commands against a real nats-server, run in-process with captured output. */
@NatsTest
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};

    @Test
    void subJsonPrintsExactlyWhatIsPublished(NatsServer server) throws Exception {
        Cli.Running sub = Cli.start("-s", server.url(), "sub", "cli.json.>", "--json", "--count", "3").awaitListening();

        Cli.Result pub1 = Cli.run("-s", server.url(), "pub", "cli.json.a", "hello: {\"x\":1}",
                "-H", "Trace-Id:abc", "-H", "Tag: eu", "-H", "Tag:vip", "--reply", "cli.answers");
        Cli.Result pub2 = Cli.runWithStdin("from stdin\n", "-s", server.url(), "pub", "cli.json.b");
        try (Connection nc = TestConnections.connect(server.url())) {
            nc.publish("cli.json.c", NOT_UTF8);
            nc.flush(Cli.WAIT);
        }

        assertThat(pub1.exitCode()).isZero();
        assertThat(pub1.out()).isEqualTo("Published 1 message to cli.json.a\n");
        assertThat(pub2.exitCode()).isZero();
        Cli.Result result = sub.result();
        assertThat(result.exitCode()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(3);

        JsonNode a = lines.get(0);
        assertThat(a.get("subject").asText()).isEqualTo("cli.json.a");
        assertThat(a.get("reply").asText()).isEqualTo("cli.answers");
        assertThat(a.get("headers").toString()).isEqualTo("{\"Trace-Id\":[\"abc\"],\"Tag\":[\"eu\",\"vip\"]}");
        assertThat(a.get("payload").asText()).isEqualTo("hello: {\"x\":1}");
        assertThat(a.has("payload_b64")).isFalse();
        assertThat(Instant.parse(a.get("received").asText())).isBeforeOrEqualTo(Instant.now());

        JsonNode b = lines.get(1);
        assertThat(b.get("subject").asText()).isEqualTo("cli.json.b");
        assertThat(b.has("reply")).isFalse();
        assertThat(b.has("headers")).isFalse();
        assertThat(b.get("payload").asText()).isEqualTo("from stdin\n");

        JsonNode c = lines.get(2);
        assertThat(c.get("subject").asText()).isEqualTo("cli.json.c");
        assertThat(c.has("payload")).isFalse();
        assertThat(Base64.getDecoder().decode(c.get("payload_b64").asText())).isEqualTo(NOT_UTF8);
    }

    @Test
    void subPrintsNumberedMessagesForPeopleAndPubCountsWithPlaceholders(NatsServer server) throws Exception {
        Cli.Running sub = Cli.start("-s", server.url(), "sub", "cli.ticks", "--count", "3").awaitListening();

        Cli.Result pub = Cli.run("-s", server.url(), "pub", "cli.ticks", "tick {{n}}", "--count", "3");

        assertThat(pub.out()).isEqualTo("Published 3 messages to cli.ticks\n");
        Cli.Result result = sub.result();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                [#1] cli.ticks 6 bytes
                tick 1
                [#2] cli.ticks 6 bytes
                tick 2
                [#3] cli.ticks 6 bytes
                tick 3
                """);
        assertThat(result.err()).contains("Listening on cli.ticks at " + server.url());
    }

    @Test
    void reqIsAnsweredByReply(NatsServer server) throws Exception {
        Cli.Running reply = Cli.start("-s", server.url(), "reply", "cli.echo", "pong", "--count", "1").awaitListening();

        Cli.Result req = Cli.run("-s", server.url(), "req", "cli.echo", "ping");

        assertThat(req.exitCode()).isZero();
        assertThat(req.out()).isEqualTo("pong\n");
        assertThat(req.err()).isEmpty();
        Cli.Result replied = reply.result();
        assertThat(replied.exitCode()).isZero();
        assertThat(replied.out()).isEqualTo("[#1] answered a request on cli.echo (4 bytes in, 4 bytes out)\n");
    }

    @Test
    void reqSendsHeadersAndPrintsTheReplysHeadersBeforeItsBody(NatsServer server) {
        try (Connection nc = TestConnections.connect(server.url())) {
            nc.subscribe("cli.headers", m -> m.respond(
                    Headers.of("Seen", m.headers().first("Trace-Id").orElse("none")).add("Tag", "a").add("Tag", "b"),
                    m.data()));
            nc.flush(Cli.WAIT);

            Cli.Result req = Cli.run("-s", server.url(), "req", "cli.headers", "body", "-H", "Trace-Id:t-1");

            assertThat(req.exitCode()).isZero();
            assertThat(req.out()).isEqualTo("Seen: t-1\nTag: a\nTag: b\n\nbody\n");
        }
    }

    @Test
    void reqWithoutRespondersFailsWithItsOwnExitCode(NatsServer server) {
        Cli.Result req = Cli.run("-s", server.url(), "req", "cli.nobody", "hi", "--timeout", "1m");

        assertThat(req.exitCode()).isEqualTo(ExitCodes.NO_RESPONDERS);
        assertThat(req.out()).isEmpty();
        assertOneErrorLine(req).contains("no responders on 'cli.nobody'").contains("relay reply");
    }

    @Test
    void reqToASilentResponderTimesOut(NatsServer server) {
        try (Connection nc = TestConnections.connect(server.url())) {
            Subscription silent = nc.subscribe("cli.silent");
            nc.flush(Cli.WAIT);

            Cli.Result req = Cli.run("-s", server.url(), "req", "cli.silent", "hi", "--timeout", "200ms");

            assertThat(req.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
            assertOneErrorLine(req).contains("no reply on 'cli.silent' within 200ms").contains("--timeout");
            assertThat(silent.nextMessage(Cli.WAIT).dataAsString()).isEqualTo("hi");
        }
    }

    @Test
    void pubToAnInvalidSubjectSendsNothing(NatsServer server) {
        try (Connection nc = TestConnections.connect(server.url())) {
            Subscription all = nc.subscribe(">");
            nc.flush(Cli.WAIT);

            Cli.Result spaced = Cli.run("-s", server.url(), "pub", "a b", "x");
            Cli.Result wildcard = Cli.run("-s", server.url(), "pub", "cli.*", "x", "--count", "2");

            assertThat(spaced.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
            assertOneErrorLine(spaced).contains("invalid subject").contains("'a b'");
            assertThat(spaced.out()).isEmpty();
            assertThat(wildcard.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
            assertOneErrorLine(wildcard).contains("'cli.*'");
            // The commands have closed their connections; a marker sent now must be the first message seen.
            nc.publish("cli.marker", "marker");
            Message first = all.nextMessage(Cli.WAIT);
            assertThat(first.subject()).isEqualTo("cli.marker");
        }
    }

    @Test
    void noServerAtTheUrlSaysHowToStartOne() {
        String url = "nats://127.0.0.1:" + FreePorts.loopback();

        Cli.Result pub = Cli.run("-s", url, "pub", "cli.x", "y");

        assertThat(pub.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertOneErrorLine(pub).contains("cannot connect to " + url).contains("nats-server").contains("-s URL");
    }

    @Test
    void badUsageIsOneLineWithExitCodeTwo() {
        Cli.Result count = Cli.run("pub", "cli.x", "y", "--count", "0");
        Cli.Result header = Cli.run("pub", "cli.x", "y", "-H", "no-colon");
        Cli.Result duration = Cli.run("req", "cli.x", "--timeout", "5");
        Cli.Result typo = Cli.run("pubb", "cli.x");

        for (Cli.Result r : List.of(count, header, duration, typo)) {
            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertOneErrorLine(r).contains("--help");
        }
        assertThat(header.err()).contains("'no-colon' is not a header: use KEY:VALUE");
        assertThat(typo.err()).contains("unknown command or argument 'pubb'").contains("did you mean pub");
    }

    @Test
    void versionAndHelp() {
        Cli.Result version = Cli.run("--version");
        Cli.Result help = Cli.run("--help");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("relay " + Nats.VERSION + "\nJava ");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("pub", "sub", "req", "reply", "demo", "Exit codes:", "NATS_URL");
    }

    /** Asserts that stderr is one line starting with {@code relay: }, and returns an assert on it. */
    static AbstractStringAssert<?> assertOneErrorLine(Cli.Result result) {
        assertThat(result.err()).startsWith("relay: ").endsWith("\n");
        assertThat(result.err().strip()).doesNotContain("\n").doesNotContain("\tat ");
        return assertThat(result.err());
    }
}
