package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay js}, {@code relay stream} and {@code relay consumer} against a real nats-server with JetStream. */
@NatsTest
@NatsServerOptions(jetStream = true)
class JetStreamCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamAddLsInfoGetPurgeRm(NatsServer server) {
        String s = server.url();
        Cli.Result add = Cli.run("-s", s, "stream", "add", "ORDERS", "--subjects", "orders.>", "--storage", "memory",
            "--max-msgs", "100", "--dupe-window", "1m", "--description", "the orders");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Created stream ORDERS").contains("orders.>").contains("memory")
            .contains("the orders");

        assertThat(Cli.run("-s", s, "js", "pub", "orders.new", "first").out())
            .isEqualTo("Stored in stream ORDERS as sequence 1\n");
        Cli.run("-s", s, "js", "pub", "orders.new", "second", "-H", "K:v");
        assertThat(Cli.run("-s", s, "stream", "ls").out()).contains("ORDERS").contains("2 msgs").contains("orders.>");
        assertThat(Cli.run("-s", s, "stream", "ls", "--names", "--subject", "orders.x").out()).isEqualTo("ORDERS\n");
        assertThat(Cli.run("-s", s, "stream", "info", "ORDERS", "--subjects", "orders.>").out())
            .contains("Messages:          2").contains("orders.new:").contains("Max messages:      100");
        assertThat(Cli.run("-s", s, "stream", "info", "ORDERS", "--json").out()).contains("\"max_msgs\":100");

        Cli.Result get = Cli.run("-s", s, "stream", "get", "ORDERS", "--last-for", "orders.new");
        assertThat(get.out()).contains("Sequence:          2").contains("K: v").contains("second");
        assertThat(Cli.run("-s", s, "stream", "get", "ORDERS", "1").out()).contains("first");

        assertThat(Cli.run("-s", s, "stream", "purge", "ORDERS", "--subject", "orders.new", "--keep", "1").out())
            .isEqualTo("Purged 1 messages from ORDERS\n");
        assertThat(Cli.run("-s", s, "stream", "rm", "ORDERS").out()).isEqualTo("Deleted stream ORDERS\n");

        Cli.Result missing = Cli.run("-s", s, "stream", "info", "ORDERS");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertThat(missing.err()).contains("stream not found").contains("10059");
    }

    @Test
    void consumerAddLsInfoNextRm(NatsServer server) {
        String s = server.url();
        createStream(server, "WORK");
        for (int i = 0; i < 3; i++) {
            Cli.run("-s", s, "js", "pub", "work.task", "task " + i);
        }
        Cli.Result add = Cli.run("-s", s, "consumer", "add", "WORK", "workers", "--filter", "work.task",
            "--max-deliver", "5", "--ack-wait", "30s");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("WORK > workers").contains("pull").contains("work.task").contains("max deliver 5");
        assertThat(Cli.run("-s", s, "consumer", "ls", "WORK").out()).contains("workers").contains("3 pending");

        Cli.Result next = Cli.run("-s", s, "consumer", "next", "WORK", "workers", "--count", "2");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("task 0").contains("task 1").doesNotContain("task 2");
        assertThat(Cli.run("-s", s, "consumer", "info", "WORK", "workers").out())
            .contains("Ack floor:         consumer 2, stream 2");

        Cli.Result empty = Cli.run("-s", s, "consumer", "next", "WORK", "workers", "--count", "5", "--timeout", "300ms");
        assertThat(empty.out()).contains("task 2");
        Cli.Result none = Cli.run("-s", s, "consumer", "next", "WORK", "workers", "--timeout", "200ms");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.TIMEOUT);

        assertThat(Cli.run("-s", s, "consumer", "rm", "WORK", "workers").out()).isEqualTo("Deleted consumer WORK > workers\n");
        assertThat(Cli.run("-s", s, "consumer", "ls", "WORK").out()).isEqualTo("No consumers on WORK\n");
    }

    @Test
    void jsShowsTheAccountAndPubReportsDuplicatesAndFailures(NatsServer server) {
        String s = server.url();
        createStream(server, "DEDUP");
        assertThat(Cli.run("-s", s, "js").out()).contains("Streams:").contains("API calls:");
        Cli.run("-s", s, "js", "pub", "dedup.x", "a", "--msg-id", "one");
        assertThat(Cli.run("-s", s, "js", "pub", "dedup.x", "a", "--msg-id", "one").out())
            .contains("sequence 1 (duplicate");

        Cli.Result wrong = Cli.run("-s", s, "js", "pub", "dedup.x", "b", "--expect-last-seq", "7");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertThat(wrong.err()).contains("wrong last sequence");

        Cli.Result nobody = Cli.run("-s", s, "js", "pub", "no.stream", "x");
        assertThat(nobody.exitCode()).isEqualTo(ExitCodes.NO_RESPONDERS);
        assertThat(nobody.err()).contains("no stream stores subject 'no.stream'").contains("relay stream add");

        Cli.Result badEnum = Cli.run("-s", s, "stream", "add", "BAD", "--storage", "tape");
        assertThat(badEnum.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(badEnum.err()).contains("--storage 'tape'").contains("file, memory");
    }

    @Test
    @NatsServerOptions(version = "2.9")
    void addFromAConfigFileRefusesA210FieldOnA29Server(NatsServer server, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"name\":\"X\",\"subjects\":[\"x.>\"],\"storage\":\"memory\",\"compression\":\"s2\"}");
        Cli.Result r = Cli.run("-s", server.url(), "stream", "add", "FROMFILE", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(r.err()).contains("compression").contains("2.10.0").contains("upgrade the server");

        Files.writeString(file, "{\"subjects\":[\"ff.>\"],\"storage\":\"memory\",\"max_msgs_per_subject\":3}");
        Cli.Result ok = Cli.run("-s", server.url(), "stream", "add", "FROMFILE", "--config", file.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Max per subject:   3").contains("ff.>");
    }

    @Test
    void jsSubPrintsAStreamInOrder(NatsServer server) throws Exception {
        // The ordered consumer starts at the beginning of the stream: messages published before count too.
        String s = server.url();
        createStream(server, "FEED");
        for (int i = 0; i < 5; i++) {
            Cli.run("-s", s, "js", "pub", i % 2 == 0 ? "feed.even" : "feed.odd", "n" + i);
        }
        Cli.Result r = Cli.run("-s", s, "js", "sub", "FEED", "--filter", "feed.even", "--count", "3", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> payloads = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("subject").asText()).isEqualTo("feed.even");
            payloads.add(n.get("payload").asText());
        }
        assertThat(payloads).containsExactly("n0", "n2", "n4");
    }

    private static void createStream(NatsServer server, String name) {
        try (Connection nc = TestConnections.connect(server.url())) {
            JetStream.of(nc).management().addStream(StreamConfig.builder(name).subjects(name.toLowerCase() + ".>")
                .storage(StorageType.MEMORY).build());
        }
    }
}
