package dev.relay.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table arithmetic and the child's result line, without running anything. */
class SideBySideTableTest {

    @Test
    void medianRatioAndTargetOfThroughputAndLatencyRows() {
        List<SideBySideTable.Sample> samples = new ArrayList<>();
        double[] relayRates = {3e6, 2e6, 4e6};
        double[] jnatsRates = {1e6, 1.5e6, 0.5e6};
        for (int i = 0; i < 3; i++) {
            samples.add(sample(i + 1, "relay", BenchCase.PUB_16, Map.of("msgs_per_s", "" + relayRates[i])));
            samples.add(sample(i + 1, "jnats", BenchCase.PUB_16, Map.of("msgs_per_s", "" + jnatsRates[i])));
            samples.add(sample(i + 1, "relay", BenchCase.REQ_SEQ, Map.of("msgs_per_s", "5000", "p50_us", "100",
                "p99_us", "200")));
            samples.add(sample(i + 1, "jnats", BenchCase.REQ_SEQ, Map.of("msgs_per_s", "5000", "p50_us", "200",
                "p99_us", "400")));
        }

        String md = SideBySideTable.markdown(samples);

        assertThat(md).contains("| PUB 16 B | msgs/s | 3.00M [2.00M..4.00M] | 1.00M [500k..1.50M] | 3.00× | higher | ≥ 2.8× | yes |");
        assertThat(md).contains("| REQ sequential 16 B | p50 latency µs | 100.0 [100.0..100.0] | 200.0 [200.0..200.0] | 0.50× "
            + "| lower (Relay/jnats latency) | ≤ 0.8× | yes |");
        assertThat(md).contains("| REQ sequential 16 B | p99 latency µs | 200.0 [200.0..200.0] | 400.0 [400.0..400.0] | 0.50× "
            + "| lower (Relay/jnats latency) | ≤ 0.35× | **no** |");
    }

    @Test
    void parsesResultAndSkippedLinesAndCallsAnythingElseAFailure() {
        Path log = Path.of("target", "no-such.log");
        ChildRun.Outcome ok = ChildRun.parse("noise\nRESULT\tclient=relay\tmsgs_per_s=12.5\n", 0, log);
        ChildRun.Outcome skipped = ChildRun.parse("SKIPPED\tskipped: needs Java 21\n", 0, log);
        ChildRun.Outcome failed = ChildRun.parse("RESULT\tclient=relay\n", 1, log);

        assertThat(ok.ok()).isTrue();
        assertThat(ok.values()).containsEntry("client", "relay").containsEntry("msgs_per_s", "12.5");
        assertThat(skipped.skipped()).isEqualTo("skipped: needs Java 21");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.failure()).startsWith("exit 1");
    }

    @Test
    void roundsRotateTheOrderAndCountsScaleWithMsgs() {
        assertThat(SideBySideTable.rotate(List.of("relay", "jnats"), 1)).containsExactly("jnats", "relay");
        assertThat(SideBySideTable.rotate(List.of("a", "b", "c"), 4)).containsExactly("b", "c", "a");
        assertThat(BenchCase.PUB_16.msgsFor(100_000)).isEqualTo(100_000);
        assertThat(BenchCase.PUB_16.warmupFor(100_000)).isEqualTo(20_000);
        assertThat(BenchCase.PUB_16.warmupFor(100_000, 10)).isEqualTo(200_000);
        assertThat(BenchCase.SCALE.warmupFor(100_000, 10)).isEqualTo(BenchCase.SCALE.warmupFor(100_000));
        assertThat(BenchCase.SCALE.msgsFor(100_000)).isEqualTo(1000);
    }

    private static SideBySideTable.Sample sample(int round, String client, BenchCase c, Map<String, String> values) {
        return new SideBySideTable.Sample(round, 1, client, c, new ChildRun.Outcome(values, "", ""));
    }
}
