package dev.relay.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Draws a one-line progress bar with the current rate on a terminal, redrawn a few times a second
 * from a {@link Progress} on a daemon thread of its own, and cleared when stopped. Thread-safe:
 * started and stopped by the command's thread, drawing only on its own.
 */
public final class ProgressBar {
    private static final long REDRAW_MILLIS = 250;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final Progress progress;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private ProgressBar(PrintWriter out, String label, Progress progress) {
        this.out = out;
        this.label = label;
        this.progress = progress;
        this.thread = new Thread(this::run, "relay-bench-progress");
        this.thread.setDaemon(true);
    }

    /**
     * Starts drawing.
     *
     * @param out the terminal (standard error, so standard output stays clean)
     * @param label what runs, e.g. {@code pub}
     * @param progress what to show
     * @return the running bar; {@link #stop()} it when the run ends
     */
    public static ProgressBar start(PrintWriter out, String label, Progress progress) {
        ProgressBar bar = new ProgressBar(out, label, progress);
        bar.thread.start();
        return bar;
    }

    /** Stops drawing, clears the line and returns once the drawing thread has finished. */
    public void stop() {
        stopped.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long lastDone = 0;
        long lastNanos = System.nanoTime();
        try {
            while (!stopped.await(REDRAW_MILLIS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                long done = progress.done();
                double rate = (done - lastDone) * 1e9 / Math.max(1, now - lastNanos);
                lastDone = done;
                lastNanos = now;
                out.print("\r" + line(label, done, progress.total(), rate));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print("\r" + " ".repeat(WIDTH + label.length() + 40) + "\r");
        out.flush();
    }

    /**
     * One frame of the bar.
     *
     * @param label what runs
     * @param done operations done
     * @param total operations expected, or 0 if unknown
     * @param rate operations per second lately
     * @return e.g. {@code pub [##########--------------------]  33%  1,234,567 msgs/s}
     */
    static String line(String label, long done, long total, double rate) {
        double share = total <= 0 ? 0 : Math.min(1.0, done / (double) total);
        int filled = (int) Math.round(share * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,.0f msgs/s   ", label, "#".repeat(filled),
            "-".repeat(WIDTH - filled), Math.round(share * 100), rate);
    }
}
