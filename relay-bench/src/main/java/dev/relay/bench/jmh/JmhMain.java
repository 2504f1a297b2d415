package dev.relay.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs Relay's JMH benchmarks with the GC profiler and prints a Markdown summary (score, error and
 * bytes allocated per operation), also written to {@code target/jmh.md}; the full JMH results go to
 * {@code target/jmh-result.json}. For other JMH options use {@code org.openjdk.jmh.Main} directly.
 * Runs on the calling thread (JMH forks its own JVMs).
 *
 * <p>{@code java -cp "target/relay-bench-0.1.0-SNAPSHOT.jar:target/lib/*" dev.relay.bench.jmh.JmhMain [--quick] [REGEX…]}
 */
public final class JmhMain {

    private JmhMain() {
    }

    /**
     * Runs the benchmarks matching the given regular expressions (default: all of this package).
     *
     * @param args {@code --quick} for one short iteration each, then optional include patterns
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        List<String> includes = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                includes.add(a);
            }
        }
        if (includes.isEmpty()) {
            includes.add(JmhMain.class.getPackageName() + ".*Benchmark.*");
        }
        ChainedOptionsBuilder b = new OptionsBuilder().addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON).result("target/jmh-result.json");
        includes.forEach(b::include);
        if (quick) {
            b.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        String md = summary(results, quick);
        System.out.println();
        System.out.print(md);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "jmh.md"), md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write target/jmh.md", e);
        }
    }

    /**
     * The Markdown summary of JMH results.
     *
     * @param results what JMH returned
     * @param quick whether the short settings were used
     * @return a table: benchmark, score ± error, unit, allocation per operation
     */
    static String summary(Collection<RunResult> results, boolean quick) {
        StringBuilder b = new StringBuilder();
        b.append("JMH ").append(quick ? "(quick: 1 fork, 1 × 300 ms warm-up, 1 × 500 ms measured)"
            : "(1 fork, 3 × 1 s warm-up, 5 × 1 s measured, -prof gc)").append(", Java ")
            .append(System.getProperty("java.version")).append("\n\n");
        b.append("| benchmark | score | ± error | unit | alloc B/op |\n|---|---|---|---|---|\n");
        for (RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            b.append("| ").append(name).append(" | ").append(human(p.getScore()))
                .append(" | ").append(Double.isNaN(p.getScoreError()) ? "" : human(p.getScoreError()))
                .append(" | ").append(p.getScoreUnit())
                .append(" | ").append(alloc == null ? "" : String.format(Locale.ROOT, "%.3f", alloc.getScore()))
                .append(" |\n");
        }
        return b.toString();
    }

    private static String human(double v) {
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (Math.abs(v) >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
