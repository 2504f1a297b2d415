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
    @ValueSource(strings = {"", "2", "s", "ms500", "2 days", "-1s", "1,5s", "PT2S", "2s500ms", "1e3ms"})
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
    void formatsInTheLargestExactUnitAndReadsBack() {
        assertThat(DurationConverter.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationConverter.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationConverter.format(Duration.ofMillis(1_500))).isEqualTo("1500ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationConverter.format(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(DurationConverter.format(Duration.ofNanos(1_234))).isEqualTo("1234ns");
        for (String text : new String[] {"2s", "500ms", "1500ms", "90s", "2h", "1234ns", "7us", "3m"}) {
            assertThat(DurationConverter.format(DurationConverter.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void isWhatPicocliUses() {
        assertThat(new DurationConverter().convert("2s")).isEqualTo(Duration.ofSeconds(2));
    }
}
