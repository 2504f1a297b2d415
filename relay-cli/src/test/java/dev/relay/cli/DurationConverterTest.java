package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsEveryUnit() {
        assertThat(DurationConverter.parse("250ns")).isEqualTo(Duration.ofNanos(250));
        assertThat(DurationConverter.parse("3us")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationConverter.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void readsFractionsBlanksAndUpperCase() {
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(DurationConverter.parse("0.25m")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationConverter.parse("10 ms")).isEqualTo(Duration.ofMillis(10));
        assertThat(DurationConverter.parse("2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "ms500", "2 days", "-1s", "1,5s", "PT2S", "500ms2s", "1m1m", "1e3ms",
        "1m 30s"})
    void rejectsWhatIsNotADurationWithExamples(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a duration")
                .hasMessageContaining("e.g. 500ms, 2s or 1m");
    }

    @Test
    void rejectsZeroAndOverflow() {
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("not a positive duration");
        assertThatThrownBy(() -> DurationConverter.parse("0.1ns")).hasMessageContaining("not a positive duration");
        assertThatThrownBy(() -> DurationConverter.parse("999999999999h")).hasMessageContaining("too long");
    }

    @Test
    void formatsAsPeopleWriteDurationsAndReadsBack() {
        assertThat(DurationConverter.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationConverter.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationConverter.format(Duration.ofMillis(1_500))).isEqualTo("1.5s");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationConverter.format(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(DurationConverter.format(Duration.ofSeconds(3_630))).isEqualTo("1h30s");
        assertThat(DurationConverter.format(Duration.ofMillis(61_250))).isEqualTo("1m1.25s");
        assertThat(DurationConverter.format(Duration.ofNanos(1_234))).isEqualTo("1.234us");
        assertThat(DurationConverter.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(DurationConverter.format(Duration.ofNanos(250))).isEqualTo("250ns");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationConverter.format(Duration.ofDays(2))).isEqualTo("48h");
        for (String text : new String[] {"2s", "500ms", "1.5s", "1m30s", "2h", "1h1m1s", "1.234us", "7us", "3m"}) {
            assertThat(DurationConverter.format(DurationConverter.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void readsWhatItWritesWithSeveralUnitsLargestFirst() {
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(DurationConverter.parse("2s500ms")).isEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void rewritesIsoDurationsInAText() {
        assertThat(DurationConverter.humanize("within PT2S, then PT1H30S or PT0.25S; PT-1S stays"))
                .isEqualTo("within 2s, then 1h30s or 250ms; PT-1S stays");
        assertThat(DurationConverter.humanize("no duration: PTA, OPT2S, PT")).isEqualTo("no duration: PTA, OPT2S, PT");
    }

    @Test
    void isWhatPicocliUses() {
        assertThat(new DurationConverter().convert("2s")).isEqualTo(Duration.ofSeconds(2));
    }
}
