package dev.relay.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The side-by-side runner's command line. */
class SideBySideSettingsTest {

    @Test
    void theWarmUpIsEachCasesOwnUnlessMultiplied() {
        assertThat(SideBySideSettings.parse().warmupFactor()).isEqualTo(1);
        SideBySideSettings steady = SideBySideSettings.parse("--warmup-factor", "10", "--cases", "pub16,req64");
        assertThat(steady.warmupFactor()).isEqualTo(10);
        assertThat(steady.cases()).containsExactly(BenchCase.byId("pub16"), BenchCase.byId("req64"));
    }

    @Test
    void aWarmUpFactorBelowOneIsRefused() {
        assertThatThrownBy(() -> SideBySideSettings.parse("--warmup-factor", "0"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-factor must be at least 1");
        assertThatThrownBy(() -> SideBySideSettings.parse("--warmup-factor"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }
}
