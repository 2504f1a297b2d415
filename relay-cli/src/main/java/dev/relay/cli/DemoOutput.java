package dev.relay.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;

/**
 * Lays out the demo's text: a title, numbered section headings, plain explanations, the Java one-liner
 * for each step, and indented results; bold and colours only when picocli's ANSI setting allows
 * (a terminal, not a pipe). Confined to the demo's thread; dispatcher threads never print through it.
 */
final class DemoOutput {

    private static final int WIDTH = 78;

    private final PrintWriter out;
    private final Ansi ansi;

    /**
     * Creates the output.
     *
     * @param out where to print
     * @param ansi whether to use colours
     */
    DemoOutput(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    /** Prints the demo's title, underlined. */
    void title(String text) {
        out.println(style("bold", text));
        out.println("=".repeat(text.length()));
        out.flush();
    }

    /** Prints {@code ── 1/6  Title ─────} after a blank line. */
    void section(int number, int total, String title) {
        String head = "── " + number + "/" + total + "  " + title + " ";
        out.println();
        out.println(style("bold,cyan", head + "─".repeat(Math.max(3, WIDTH - head.length()))));
        out.flush();
    }

    /** Prints a heading without a number, after a blank line. */
    void heading(String title) {
        out.println();
        out.println(style("bold", title));
        out.flush();
    }

    /** Prints an explanation. */
    void say(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints Java code, indented, one line per argument. */
    void code(String... lines) {
        for (String line : lines) {
            out.println("    " + style("yellow", line));
        }
        out.flush();
    }

    /** Prints a result line, indented and marked with an arrow. */
    void result(String text) {
        out.println("  → " + text);
        out.flush();
    }

    /** Prints an indented line. */
    void indent(String text) {
        out.println("  " + text);
        out.flush();
    }

    /** Prints a command to try, after a shell comment saying what it does (both copy-pasteable). */
    void command(String what, String... commands) {
        out.println("  " + style("faint", "# " + what));
        for (String command : commands) {
            out.println("  " + style("green", command));
        }
        out.flush();
    }

    /** Formats elapsed nanoseconds as {@code 0.84 ms} or {@code 1.2 s}. */
    static String elapsed(long nanos) {
        double ms = nanos / 1_000_000.0;
        return ms < 1_000 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private String style(String styles, String text) {
        if (!ansi.enabled()) {
            return text;
        }
        return ansi.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
    }
}
