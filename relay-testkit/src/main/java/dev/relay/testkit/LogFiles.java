package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads server log files for diagnostics: the last N lines, or everything after an offset.
 * Reads only the end of large (trace) logs. Thread-safe (stateless).
 */
final class LogFiles {

    /** How far back from the end a tail looks; enough for 30 lines of trace output. */
    static final int TAIL_WINDOW_BYTES = 64 * 1024;

    private LogFiles() {
    }

    /** Returns the file's size, or 0 if it does not exist yet. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the last {@code lines} lines joined by newlines; empty if the file is missing. */
    static String tail(Path file, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be >= 0, was " + lines);
        }
        long size = size(file);
        long from = Math.max(0, size - TAIL_WINDOW_BYTES);
        String text = readFrom(file, from);
        List<String> all = Arrays.asList(text.split("\r?\n", -1));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all = all.subList(0, all.size() - 1);
        }
        if (from > 0 && !all.isEmpty()) {
            all = all.subList(1, all.size()); // the first line was cut by the window
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Returns the file's text from {@code offset} to its current end; empty if missing. */
    static String readFrom(Path file, long offset) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long length = Math.max(0, ch.size() - offset);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE - 8));
            ch.position(offset);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading until the snapshot length is filled or EOF
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
