package dev.relay.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.cli.Relay;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code relay bench} against a real nats-server, run in-process with captured output. */
@NatsTest
class BenchCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished command printed and returned. */
    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void pubJsonPrintsOneObjectWithTheFigures(NatsServer server) throws Exception {
        Result r = run("-s", server.url(), "bench", "pub", "--msgs", "10000", "--size", "16", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines[0]);
        assertThat(o.get("case").asText()).isEqualTo("pub");
        assertThat(o.get("msgs").asLong()).isEqualTo(10_000);
        assertThat(o.get("size").asInt()).isEqualTo(16);
        assertThat(o.get("seconds").asDouble()).isPositive();
        assertThat(o.get("msgs_per_s").asDouble()).isPositive();
        assertThat(o.get("bytes_per_s").asDouble()).isEqualTo(o.get("msgs_per_s").asDouble() * 16, org.assertj.core.data.Offset.offset(16.0));
    }

    @Test
    void reqrepInFlightReportsPercentilesAndPubsubPrintsATable(NatsServer server) throws Exception {
        Result req = run("-s", server.url(), "bench", "reqrep", "--msgs", "2000", "--inflight", "8", "--json");
        Result pubsub = run("-s", server.url(), "bench", "pubsub", "--msgs", "20000", "--pubs", "2", "--subs", "2",
            "--warmup", "1000");

        assertThat(req.exitCode()).as(req.err()).isZero();
        JsonNode o = JSON.readTree(req.out());
        assertThat(o.get("case").asText()).isEqualTo("reqrep");
        assertThat(o.get("p50").asDouble()).isPositive();
        assertThat(o.get("p999").asDouble()).isGreaterThanOrEqualTo(o.get("p50").asDouble());
        assertThat(pubsub.exitCode()).as(pubsub.err()).isZero();
        assertThat(pubsub.out()).contains("2 publishers, 2 subscribers", "msgs/s", "pubsub", "20,000");
    }

    @Test
    void badModeAndMisplacedOptionsAreUsageErrors(NatsServer server) {
        Result mode = run("-s", server.url(), "bench", "fly");
        Result inflight = run("-s", server.url(), "bench", "pub", "--inflight", "4");

        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("MODE must be pub, sub, pubsub or reqrep");
        assertThat(inflight.exitCode()).isEqualTo(2);
        assertThat(inflight.err()).contains("--inflight applies to reqrep only");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Relay.newCommandLine(new Relay(Map.of(), new ByteArrayInputStream(new byte[0])));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
