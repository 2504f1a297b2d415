package dev.relay.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Counts the bytes of an object transfer and, when a person watches a terminal, redraws one progress line
 * on stderr at most every {@value #STEP_BYTES} bytes ({@code 42.0 of 128.0 MiB (32%)}). Confined to the
 * thread reading the stream.
 */
final class Progress extends FilterInputStream {
    private static final int STEP_BYTES = 1024 * 1024;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter err;
    private final long total;
    private final boolean show;
    private long done;
    private long shownAt;

    /**
     * Wraps a stream.
     *
     * @param in the stream to count
     * @param err where the bar goes
     * @param total the expected size, or -1 when unknown
     * @param show whether to draw at all (only on a terminal)
     */
    Progress(InputStream in, PrintWriter err, long total, boolean show) {
        super(in);
        this.err = err;
        this.total = total;
        this.show = show;
    }

    /** @return whether stderr is a terminal a person watches */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        done += n;
        if (show && done - shownAt >= STEP_BYTES) {
            shownAt = done;
            draw();
        }
    }

    private void draw() {
        String of = total > 0 ? String.format(" of %.1f MiB (%d%%)", total / MIB, done * 100 / total) : " MiB";
        err.print(String.format("\r%.1f%s   ", done / MIB, of));
        err.flush();
    }

    /** Ends the bar's line, if one was drawn. */
    void end() {
        if (show && shownAt > 0) {
            draw();
            err.println();
            err.flush();
        }
    }
}
