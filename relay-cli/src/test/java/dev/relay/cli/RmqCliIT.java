package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code relay rmq …} against a real RocketMQ name server + broker, in-process with captured output. */
@RocketMqTest
class RmqCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OFFSET_MSG_ID = Pattern.compile("offsetMsgId=([0-9A-F]{32})");

    private static Cli.Result rmq(RocketMqServer server, String... args) {
        List<String> all = new ArrayList<>(List.of("rmq", "--namesrv", server.nameServer()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** A topic name no other test uses. */
    static String topic(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    }

    @Test
    void sendThenViewConsumeAndReadOffsets(RocketMqServer server) throws Exception {
        String topic = topic("CliSend");
        Cli.Result created = rmq(server, "topic", "create", topic, "--queues", "2");
        Cli.Result sent = rmq(server, "send", topic, "hello {{n}}", "--tags", "t1", "--keys", "k1,k2", "-p", "src=cli",
            "--count", "3");
        Cli.Result async = rmq(server, "send", topic, "async", "--async");
        Cli.Result oneway = rmq(server, "send", topic, "oneway", "--oneway");

        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).contains("Created topic " + topic + " with 2 queues");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().lines()).hasSize(3).allMatch(l -> l.startsWith("SEND_OK " + topic + " msgId="));
        assertThat(async.out()).startsWith("SEND_OK ");
        assertThat(oneway.out()).isEqualTo("Sent 1 oneway message to " + topic + "\n");

        Matcher m = OFFSET_MSG_ID.matcher(sent.out());
        assertThat(m.find()).isTrue();
        Cli.Result view = rmq(server, "view", m.group(1), "--json");
        JsonNode viewed = JSON.readTree(view.out());
        assertThat(viewed.get("body").asText()).isEqualTo("hello 1");
        assertThat(viewed.get("tags").asText()).isEqualTo("t1");
        assertThat(viewed.get("keys").toString()).isEqualTo("[\"k1\",\"k2\"]");
        assertThat(viewed.get("properties").get("src").asText()).isEqualTo("cli");

        Cli.Result consumed = rmq(server, "consume", topic, "--from-beginning", "--count", "5", "--json", "--idle", "10s");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        List<String> bodies = new ArrayList<>();
        for (String line : consumed.out().split("\n")) {
            bodies.add(JSON.readTree(line).get("body").asText());
        }
        assertThat(bodies).containsExactlyInAnyOrder("hello 1", "hello 2", "hello 3", "async", "oneway");
        assertThat(consumed.err()).contains("Consumed 5 messages from " + topic);

        Cli.Result offsets = rmq(server, "offsets", topic);
        assertThat(offsets.out()).contains("broker-a:0 min=0 max=", "broker-a:1 min=0 max=").endsWith("total=5\n");
        Cli.Result route = rmq(server, "topic", "route", topic);
        assertThat(route.out()).isEqualTo("broker-a " + server.brokerAddress() + " read=2 write=2\n");
        Cli.Result list = rmq(server, "topic", "list");
        assertThat(list.out().lines()).contains(topic).doesNotContain("TBW102", "broker-a", "DefaultCluster");
    }

    @Test
    void consumeWithAGroupResumesWhereItStopped(RocketMqServer server) {
        String topic = topic("CliGroup");
        rmq(server, "topic", "create", topic, "--queues", "1");
        rmq(server, "send", topic, "first");
        Cli.Result one = rmq(server, "consume", topic, "--from-beginning", "--group", "cli_group_" + System.nanoTime(),
            "--idle", "1s");
        assertThat(one.out()).contains("first");

        String group = "cli_group_" + System.nanoTime();
        rmq(server, "consume", topic, "--from-beginning", "--group", group, "--idle", "1s");
        rmq(server, "send", topic, "second", "--tags", "b");
        Cli.Result resumed = rmq(server, "consume", topic, "--group", group, "--idle", "1s");
        assertThat(resumed.out()).contains("second").doesNotContain("first");
        Cli.Result filtered = rmq(server, "consume", topic, "--from-beginning", "--tags", "b", "--idle", "1s");
        assertThat(filtered.out()).contains("second").doesNotContain("first");
    }

    @Test
    void benchReportsEveryModeAndStoresWhatItSent(RocketMqServer server) {
        String topic = topic("CliBench");
        rmq(server, "topic", "create", topic, "--queues", "2");
        for (String mode : List.of("sync", "async", "oneway")) {
            Cli.Result bench = rmq(server, "bench", mode, "--topic", topic, "--msgs", "600", "--size", "32");
            assertThat(bench.exitCode()).as(bench.err()).isZero();
            assertThat(bench.out()).startsWith(mode + ": 600 messages of 32 bytes in ").contains(" msg/s, 0 failed");
        }
        assertThat(rmq(server, "bench", "sync", "--topic", topic, "--msgs", "10").out()).contains("sync latency: p50 ");
        assertThat(rmq(server, "bench", "fast").exitCode()).isEqualTo(ExitCodes.USAGE);
        // per mode: one warm-up send plus the measured ones; oneway adds one sync barrier per 500
        String expected = "total=" + (3 * 601 + 1 + 11) + "\n";
        await().atMost(Cli.WAIT).until(() -> rmq(server, "offsets", topic).out().endsWith(expected));
    }

    @Test
    void failuresGiveAHintAndTheRightExitCode(RocketMqServer server) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result refused = Cli.run("rmq", "--namesrv", "127.0.0.1:" + port, "send", "T", "x");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.GENERAL);
        assertThat(refused.err()).startsWith("relay: cannot connect to 127.0.0.1:" + port).contains("--namesrv");

        Cli.Result invalid = rmq(server, "send", "bad topic", "x");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(invalid.err()).contains("topic 'bad topic'");

        Cli.Result badId = rmq(server, "view", "123");
        assertThat(badId.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);

        Cli.Result halfAcl = rmq(server, "--ak", "a", "offsets", "T");
        assertThat(halfAcl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(halfAcl.err()).contains("--ak and --sk go together");
    }
}
