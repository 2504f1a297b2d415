package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests of {@link LogFiles}: tails of small, large and missing files, and reads from an offset. */
class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void tailOfSmallFile() throws IOException {
        Path f = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\n");
        assertThat(LogFiles.tail(f, 2)).isEqualTo("two\nthree");
        assertThat(LogFiles.tail(f, 10)).isEqualTo("one\ntwo\nthree");
        assertThat(LogFiles.tail(f, 0)).isEmpty();
    }

    @Test
    void tailWithoutTrailingNewline() throws IOException {
        Path f = Files.writeString(dir.resolve("a.log"), "one\r\ntwo");
        assertThat(LogFiles.tail(f, 5)).isEqualTo("one\ntwo");
    }

    @Test
    void tailOfLargeFileReadsOnlyWholeLinesFromTheEnd() throws IOException {
        String text = IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
        Path f = Files.writeString(dir.resolve("big.log"), text);
        assertThat(Files.size(f)).isGreaterThan(LogFiles.TAIL_WINDOW_BYTES);
        assertThat(LogFiles.tail(f, 3)).isEqualTo("line 19997\nline 19998\nline 19999");
        assertThat(LogFiles.tail(f, 100_000).split("\n")[0]).startsWith("line ");
    }

    @Test
    void missingFileIsEmpty() {
        Path f = dir.resolve("missing.log");
        assertThat(LogFiles.size(f)).isZero();
        assertThat(LogFiles.tail(f, 5)).isEmpty();
        assertThat(LogFiles.readFrom(f, 0)).isEmpty();
    }

    @Test
    void readFromOffset() throws IOException {
        Path f = Files.writeString(dir.resolve("a.log"), "first run\nsecond run\n");
        assertThat(LogFiles.readFrom(f, "first run\n".length())).isEqualTo("second run\n");
        assertThat(LogFiles.readFrom(f, 1_000)).isEmpty();
    }
}
