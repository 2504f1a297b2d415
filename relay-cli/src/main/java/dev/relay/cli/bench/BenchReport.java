package dev.relay.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats a {@link BenchResult} for {@code relay bench}: one JSON object for scripts, or a small
 * aligned table for people. Stateless; thread-safe.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The percentiles reported for request cases, with their JSON names. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_KEYS = {"p50", "p90", "p99", "p999"};

    private BenchReport() {
    }

    /**
     * One JSON object: {@code case, msgs, size, seconds, msgs_per_s, bytes_per_s}, and for request
     * cases {@code p50, p90, p99, p999} in microseconds.
     *
     * @param r the result
     * @return the JSON text, one line
     */
    public static String json(BenchResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("case", r.name());
        o.put("msgs", r.msgs());
        o.put("size", r.size());
        o.put("seconds", round(r.seconds(), 6));
        o.put("msgs_per_s", round(r.msgsPerSecond(), 1));
        o.put("bytes_per_s", round(r.bytesPerSecond(), 1));
        if (r.hasLatency()) {
            for (int i = 0; i < PERCENTILES.length; i++) {
                o.put(PERCENTILE_KEYS[i], round(r.latency().percentileMicros(PERCENTILES[i]), 1));
            }
        }
        return o.toString();
    }

    /**
     * A two-line table: a header and the figures, columns aligned; latency columns for requests.
     *
     * @param r the result
     * @return the table, lines ending in newlines
     */
    public static String table(BenchResult r) {
        List<String> head = new ArrayList<>(List.of("case", "msgs", "size", "seconds", "msgs/s", "MB/s"));
        List<String> row = new ArrayList<>(List.of(r.name(), String.format(Locale.ROOT, "%,d", r.msgs()),
            r.size() + " B", String.format(Locale.ROOT, "%.3f", r.seconds()),
            String.format(Locale.ROOT, "%,.0f", r.msgsPerSecond()),
            String.format(Locale.ROOT, "%.1f", r.bytesPerSecond() / 1e6)));
        if (r.hasLatency()) {
            for (double p : PERCENTILES) {
                head.add("p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + " µs");
                row.add(String.format(Locale.ROOT, "%.1f", r.latency().percentileMicros(p)));
            }
        }
        StringBuilder h = new StringBuilder();
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < head.size(); i++) {
            int width = Math.max(head.get(i).length(), row.get(i).length()) + 2;
            h.append(pad(head.get(i), width, i == 0));
            v.append(pad(row.get(i), width, i == 0));
        }
        return h.toString().stripTrailing() + "\n" + v.toString().stripTrailing() + "\n";
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill.substring(2) + s + "  ";
    }

    /** Rounded, as a decimal that JSON writers print plainly (a double past 1e7 would print as 3.6E7). */
    private static BigDecimal round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    }
}
