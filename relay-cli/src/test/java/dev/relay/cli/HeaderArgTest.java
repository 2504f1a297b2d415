package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class HeaderArgTest {

    @Test
    void splitsAtTheFirstColonAndStripsBlanks() {
        assertThat(HeaderArg.parse("Trace-Id:abc")).isEqualTo(new HeaderArg("Trace-Id", "abc"));
        assertThat(HeaderArg.parse("Trace-Id: abc ")).isEqualTo(new HeaderArg("Trace-Id", "abc"));
        assertThat(HeaderArg.parse(" Tag :a b")).isEqualTo(new HeaderArg("Tag", "a b"));
    }

    @Test
    void keepsFurtherColonsInTheValue() {
        assertThat(HeaderArg.parse("Url:http://host:8080/x")).isEqualTo(new HeaderArg("Url", "http://host:8080/x"));
        assertThat(HeaderArg.parse("Time: 12:30:00")).isEqualTo(new HeaderArg("Time", "12:30:00"));
    }

    @Test
    void allowsAnEmptyValue() {
        assertThat(HeaderArg.parse("Empty:")).isEqualTo(new HeaderArg("Empty", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon", ":value", "  :value", ""})
    void rejectsAMissingKey(String text) {
        assertThatThrownBy(() -> HeaderArg.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a header: use KEY:VALUE, e.g. Trace-Id:abc");
    }

    @Test
    void rejectsWhatNatsHeadersForbid() {
        assertThatThrownBy(() -> HeaderArg.parse("Bad Key:v"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a valid header")
                .hasMessageContaining("printable ASCII without spaces");
        assertThatThrownBy(() -> HeaderArg.parse("Clé:v")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> HeaderArg.parse("K:line\nbreak")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void collectsRepeatedKeysAsSeveralValuesInOrder() {
        Headers h = HeaderArg.toHeaders(List.of(HeaderArg.parse("Tag:a"), HeaderArg.parse("Id:1"),
                HeaderArg.parse("Tag:b")));

        assertThat(h.get("Tag")).containsExactly("a", "b");
        assertThat(h.keys()).containsExactly("Tag", "Id");
    }

    @Test
    void noOptionsMeansNoHeaders() {
        assertThat(HeaderArg.toHeaders(List.of())).isNull();
    }

    @Test
    void isWhatPicocliUses() {
        assertThat(new HeaderArg.Converter().convert("A:b")).isEqualTo(new HeaderArg("A", "b"));
    }
}
