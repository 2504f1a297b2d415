package dev.relay.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Smoke test: the side-by-side runner starts a server, runs a small PUB and a small sequential REQ
 * case with both clients in fresh JVMs, and produces the table with both rows and their ratios. Not a
 * timing assertion.
 */
class SideBySideSmokeTest {

    @Test
    void quickRunOfPubAndReqProducesBothRowsWithRatios() throws Exception {
        Path out = Path.of("target", "smoke", "side-by-side.md");
        SideBySideSettings settings = SideBySideSettings.parse("--quick", "--cases", "pub16,reqseq",
            "--msgs", "20000", "--out", out.toString());

        SideBySide.Report report = SideBySide.run(settings);

        assertThat(report.failures()).as(report.markdown()).isZero();
        assertThat(report.samples()).hasSize(4);
        assertThat(report.markdown())
            .containsPattern("\\| PUB 16 B \\| msgs/s \\| [0-9.]+[Mk]? \\[.*\\] \\| [0-9.]+[Mk]? \\[.*\\] \\| [0-9.]+× \\| higher")
            .containsPattern("\\| REQ sequential 16 B \\| p50 latency µs \\| [0-9.]+ \\[.*\\] \\| [0-9.]+ \\[.*\\] \\| [0-9.]+× \\| lower")
            .containsPattern("\\| REQ sequential 16 B \\| p99 latency µs \\| .* \\| [0-9.]+× \\| lower");
        assertThat(Files.readString(out)).isEqualTo(report.markdown());
        assertThat(Files.readAllLines(settings.tsv())).hasSize(5).allSatisfy(l -> assertThat(l).doesNotContain("failed"));
    }
}
