package dev.relay.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSON object and the table of {@code relay bench}, from made-up results. */
class BenchReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishResultHasRatesAndNoPercentiles() throws Exception {
        BenchResult r = new BenchResult("pub", 1_000_000, 16, new Timing(500_000_000L, -1, -1), new LatencyHistogram());

        JsonNode o = JSON.readTree(BenchReport.json(r));

        assertThat(o.get("case").asText()).isEqualTo("pub");
        assertThat(o.get("msgs").asLong()).isEqualTo(1_000_000);
        assertThat(o.get("size").asInt()).isEqualTo(16);
        assertThat(o.get("seconds").asDouble()).isEqualTo(0.5);
        assertThat(o.get("msgs_per_s").asDouble()).isEqualTo(2_000_000.0);
        assertThat(o.get("bytes_per_s").asDouble()).isEqualTo(32_000_000.0);
        assertThat(o.has("p50")).isFalse();
        assertThat(BenchReport.table(r)).contains("2,000,000").doesNotContain("p50");
    }

    @Test
    void requestResultHasPercentilesInMicroseconds() throws Exception {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            h.record(100_000);
        }
        BenchResult r = new BenchResult("reqrep", 100, 16, new Timing(10_000_000L, -1, -1), h);

        JsonNode o = JSON.readTree(BenchReport.json(r));

        for (String p : new String[] {"p50", "p90", "p99", "p999"}) {
            assertThat(o.get(p).asDouble()).as(p).isBetween(99.0, 101.0);
        }
        assertThat(BenchReport.table(r)).contains("p50 µs", "p99.9 µs");
    }

    @Test
    void progressLineShowsShareAndRate() {
        assertThat(ProgressBar.line("pub", 50, 100, 1234.4)).startsWith("pub [###############---------------]  50%  1,234 msgs/s");
    }
}
