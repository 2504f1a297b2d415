package dev.relay.bench.e2e;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end runner: starts one nats-server, runs Relay and jnats through the same cases with the
 * same warm-up, each (client, case, round) in a fresh JVM ({@link ChildRun}), rounds interleaved with
 * the order of cases and clients rotated each round; the scale case runs once per client at the end.
 * Prints a Markdown table of medians with min/max and the Relay ÷ jnats ratio, and writes it and the
 * raw TSV under {@code target/}. Runs on the calling thread, one child at a time.
 *
 * <p>{@code java -cp "target/relay-bench-0.1.0-SNAPSHOT.jar:target/lib/*" dev.relay.bench.e2e.SideBySide --rounds 5}
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * Runs the comparison; exits with 1 if any run failed, 2 on a usage error.
     *
     * @param args see {@link SideBySideSettings#USAGE}
     */
    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(SideBySideSettings.USAGE);
            return;
        }
        SideBySideSettings settings;
        try {
            settings = SideBySideSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("side-by-side: " + e.getMessage() + "\n" + SideBySideSettings.USAGE);
            System.exit(2);
            return;
        }
        Report report = run(settings);
        System.out.print(report.markdown());
        System.out.println("(written to " + settings.out() + " and " + settings.tsv() + ")");
        System.exit(report.failures() > 0 ? 1 : 0);
    }

    /**
     * The finished comparison.
     *
     * @param markdown the whole Markdown text (header and tables)
     * @param samples every child run
     * @param failures how many child runs failed
     */
    public record Report(String markdown, List<SideBySideTable.Sample> samples, int failures) {
    }

    /**
     * Runs every round and writes {@code settings.out()} and {@code settings.tsv()}.
     *
     * @param settings what to run
     * @return the report
     */
    public static Report run(SideBySideSettings settings) {
        List<SideBySideTable.Sample> samples = new ArrayList<>();
        Instant started = Instant.now();
        String serverVersion;
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false).build())) {
            serverVersion = server.version();
            List<BenchCase> timed = settings.cases().stream().filter(c -> c.kind != BenchCase.Kind.SCALE).toList();
            for (int round = 0; round < settings.rounds(); round++) {
                int order = 0;
                for (BenchCase c : SideBySideTable.rotate(timed, round)) {
                    for (String client : SideBySideTable.rotate(settings.clients(), round)) {
                        samples.add(runOne(settings, server, round + 1, ++order, client, c));
                    }
                }
            }
            if (settings.cases().contains(BenchCase.SCALE)) {
                int order = 0;
                for (String client : settings.clients()) {
                    samples.add(runOne(settings, server, 1, ++order, client, BenchCase.SCALE));
                }
            }
        }
        long seconds = ChronoUnit.SECONDS.between(started, Instant.now());
        String markdown = MachineInfo.header(settings, serverVersion, seconds) + SideBySideTable.markdown(samples);
        write(settings.out(), markdown);
        write(settings.tsv(), SideBySideTable.tsv(samples));
        int failures = (int) samples.stream().filter(s -> !s.outcome().ok() && s.outcome().skipped().isEmpty()).count();
        return new Report(markdown, List.copyOf(samples), failures);
    }

    private static SideBySideTable.Sample runOne(SideBySideSettings settings, NatsServer server, int round, int order,
                                                 String client, BenchCase c) {
        long msgs = c.kind == BenchCase.Kind.SCALE ? settings.scaleConnections() : c.msgsFor(settings.msgs());
        long warmup = c.warmupFor(settings.msgs(), settings.warmupFactor());
        String java = c.kind == BenchCase.Kind.REQ_VIRTUAL ? settings.vtJava() : settings.java();
        Path log = settings.logDir().resolve("r" + round + "-" + c.id + "-" + client + ".log");
        System.err.printf("side-by-side: round %d/%d  %-10s %-6s ", round, settings.rounds(), c.id, client);
        ChildRun.Outcome outcome = ChildRun.run(java, settings.classpath(), server.pid(),
            List.of(client, c.id, server.url(), Long.toString(msgs), Long.toString(warmup)), log);
        System.err.println(outcome.ok() ? summary(c, outcome)
            : outcome.skipped().isEmpty() ? "FAILED: " + outcome.failure() : outcome.skipped());
        return new SideBySideTable.Sample(round, order, client, c, outcome);
    }

    private static String summary(BenchCase c, ChildRun.Outcome o) {
        if (c.kind == BenchCase.Kind.SCALE) {
            return "threads " + o.values().get("threads") + ", heap " + o.values().get("heap_bytes") + " B";
        }
        String rate = SideBySideTable.format(Double.parseDouble(o.values().get("msgs_per_s")), null) + " msgs/s";
        String p50 = o.values().get("p50_us");
        return p50 == null ? rate : rate + ", p50 " + p50 + " µs, p99 " + o.values().get("p99_us") + " µs";
    }

    private static void write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
