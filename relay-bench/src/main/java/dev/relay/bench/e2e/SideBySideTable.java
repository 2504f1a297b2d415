package dev.relay.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the side-by-side samples into Markdown tables (median [min..max] per client, the Relay ÷ jnats
 * ratio and whether the target is met; a CPU table; the scale table) and into raw TSV. Pure; thread-safe.
 */
final class SideBySideTable {
    static final String RELAY = "relay";
    static final String JNATS = "jnats";

    /**
     * One child run.
     *
     * @param round 1-based round
     * @param order position within its round
     * @param client relay or jnats
     * @param benchCase the case
     * @param outcome what it gave
     */
    record Sample(int round, int order, String client, BenchCase benchCase, ChildRun.Outcome outcome) {
        Optional<Double> value(String key) {
            String v = outcome.values().get(key);
            return outcome.ok() && v != null ? Optional.of(Double.parseDouble(v)) : Optional.empty();
        }
    }

    private SideBySideTable() {
    }

    /** The throughput/latency table, the CPU table and (if run) the scale table. */
    static String markdown(List<Sample> samples) {
        StringBuilder b = new StringBuilder();
        b.append("| case | metric | Relay median [min..max] | jnats median [min..max] | Relay ÷ jnats | better | target | met |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (BenchCase c : BenchCase.values()) {
            if (c.kind == BenchCase.Kind.SCALE || samples.stream().noneMatch(s -> s.benchCase() == c)) {
                continue;
            }
            List<Sample> ofCase = samples.stream().filter(s -> s.benchCase() == c).collect(Collectors.toList());
            if (ofCase.stream().allMatch(s -> !s.outcome().skipped().isEmpty())) {
                b.append("| ").append(c.label).append(" | | ").append(ofCase.get(0).outcome().skipped())
                    .append(" | | | | | |\n");
                continue;
            }
            for (BenchCase.Row row : c.rows) {
                double[] relay = values(samples, c, RELAY, row.metric().key);
                double[] jnats = values(samples, c, JNATS, row.metric().key);
                String ratio = "";
                String met = "";
                if (relay.length > 0 && jnats.length > 0) {
                    double r = median(relay) / median(jnats);
                    ratio = String.format(Locale.ROOT, "%.2f×", r);
                    if (row.bound() > 0) {
                        met = (row.higherIsBetter() ? r >= row.bound() : r <= row.bound()) ? "yes" : "**no**";
                    }
                }
                b.append("| ").append(c.label).append(" | ").append(row.metric().label)
                    .append(" | ").append(cell(samples, c, RELAY, relay, row.metric()))
                    .append(" | ").append(cell(samples, c, JNATS, jnats, row.metric()))
                    .append(" | ").append(ratio)
                    .append(" | ").append(row.higherIsBetter() ? "higher" : "lower (Relay/jnats latency)")
                    .append(" | ").append(row.target()).append(" | ").append(met).append(" |\n");
            }
        }
        b.append("\nWhere the time went (medians over the timed section): client = whole client JVM CPU per message, "
            + "JIT and GC included; server = nats-server CPU as % of one core.\n\n");
        b.append("| case | Relay client CPU ns/msg | jnats client CPU ns/msg | server CPU % (Relay run) | server CPU % (jnats run) |\n");
        b.append("|---|---|---|---|---|\n");
        for (BenchCase c : BenchCase.values()) {
            if (c.kind == BenchCase.Kind.SCALE || samples.stream().noneMatch(s -> s.benchCase() == c)) {
                continue;
            }
            b.append("| ").append(c.label)
                .append(" | ").append(plain(values(samples, c, RELAY, "cpu_ns_per_msg"), "%.0f"))
                .append(" | ").append(plain(values(samples, c, JNATS, "cpu_ns_per_msg"), "%.0f"))
                .append(" | ").append(plain(values(samples, c, RELAY, "server_cpu_pct"), "%.0f"))
                .append(" | ").append(plain(values(samples, c, JNATS, "server_cpu_pct"), "%.0f")).append(" |\n");
        }
        appendScale(b, samples);
        return b.toString();
    }

    private static void appendScale(StringBuilder b, List<Sample> samples) {
        List<Sample> scale = samples.stream().filter(s -> s.benchCase().kind == BenchCase.Kind.SCALE)
            .collect(Collectors.toList());
        if (scale.isEmpty()) {
            return;
        }
        b.append("\nScale (run once per client; target for Relay: ≤ 8 threads in total). JVM threads = every live "
            + "thread (main and the JVM's own service threads included); added = started by the client.\n\n");
        b.append("| client | connections | JVM threads | threads added | heap used after GC | heap per connection "
            + "| connect all | deliver to all | threads by name |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Sample s : scale) {
            Map<String, String> v = s.outcome().values();
            if (!s.outcome().ok()) {
                b.append("| ").append(s.client()).append(" | failed: ").append(reason(s)).append(" ||||||||\n");
                continue;
            }
            b.append("| ").append(s.client()).append(" | ").append(v.get("connections"))
                .append(" | ").append(v.get("threads")).append(" | ").append(v.get("threads_added"))
                .append(" | ").append(mib(v.get("heap_bytes"))).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f KiB", Long.parseLong(v.get("heap_per_conn_bytes")) / 1024.0))
                .append(" | ").append(seconds(v.get("connect_nanos"), "%.2f s", 1e9))
                .append(" | ").append(seconds(v.get("deliver_nanos"), "%.0f ms", 1e6))
                .append(" | ").append(abbreviate(v.get("thread_groups"), 240)).append(" |\n");
        }
    }

    /** Raw data: one line per child run. */
    static String tsv(List<Sample> samples) {
        StringBuilder b = new StringBuilder("round\torder\tclient\tcase\tstatus\tmsgs\tsize\tnanos\tmsgs_per_s"
            + "\tp50_us\tp99_us\tcpu_ns_per_msg\tserver_cpu_pct\tjava\tdetail\n");
        for (Sample s : samples) {
            Map<String, String> v = s.outcome().values();
            String status = s.outcome().ok() ? "ok" : s.outcome().skipped().isEmpty() ? "failed" : "skipped";
            b.append(s.round()).append('\t').append(s.order()).append('\t').append(s.client()).append('\t')
                .append(s.benchCase().id).append('\t').append(status);
            for (String k : List.of("msgs", "size", "nanos", "msgs_per_s", "p50_us", "p99_us", "cpu_ns_per_msg",
                "server_cpu_pct", "java")) {
                b.append('\t').append(v.getOrDefault(k, ""));
            }
            String detail = !s.outcome().ok() ? reason(s)
                : s.benchCase().kind != BenchCase.Kind.SCALE ? ""
                : "threads=" + v.get("threads") + " added=" + v.get("threads_added") + " heap=" + v.get("heap_bytes");
            b.append('\t').append(detail.replace('\t', ' ')).append('\n');
        }
        return b.toString();
    }

    private static double[] values(List<Sample> samples, BenchCase c, String client, String key) {
        return samples.stream().filter(s -> s.benchCase() == c && s.client().equals(client))
            .map(s -> s.value(key)).flatMap(Optional::stream).mapToDouble(Double::doubleValue).toArray();
    }

    private static String cell(List<Sample> samples, BenchCase c, String client, double[] v, BenchCase.Metric m) {
        if (v.length == 0) {
            return samples.stream().filter(s -> s.benchCase() == c && s.client().equals(client)).findFirst()
                .map(SideBySideTable::reason).orElse("not run");
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        String fmt = m == BenchCase.Metric.RATE ? null : "%.1f";
        return format(median(sorted), fmt) + " [" + format(sorted[0], fmt) + ".."
            + format(sorted[sorted.length - 1], fmt) + "]";
    }

    private static String plain(double[] v, String fmt) {
        return v.length == 0 || median(v) < 0 ? "" : String.format(Locale.ROOT, fmt, median(v));
    }

    private static String reason(Sample s) {
        return !s.outcome().skipped().isEmpty() ? s.outcome().skipped() : "failed: " + s.outcome().failure();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** A rate as 4.12M / 812k / 45.1k; with a format, the plain number. */
    static String format(double v, String fmt) {
        if (fmt != null) {
            return String.format(Locale.ROOT, fmt, v);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String seconds(String nanos, String fmt, double perUnit) {
        return String.format(Locale.ROOT, fmt, Long.parseLong(nanos) / perUnit);
    }

    private static String mib(String bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", Long.parseLong(bytes) / (1024.0 * 1024));
    }

    private static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Items in the order a round runs them: rotated left by the round's index. */
    static <T> List<T> rotate(List<T> items, int by) {
        List<T> out = new ArrayList<>(items);
        Collections.rotate(out, -by);
        return out;
    }
}
