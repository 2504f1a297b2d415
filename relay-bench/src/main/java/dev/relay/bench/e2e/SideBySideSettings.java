package dev.relay.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link SideBySide} runs, from its command line. Immutable; thread-safe.
 *
 * @param rounds interleaved rounds of the timed cases
 * @param msgs size of the run: 1,000,000 gives each case its full counts, other values scale them all
 * @param warmupFactor each case's warm-up multiplied by this (1: the cases' own warm-up; more: the JIT has
 *     finished compiling the hot path before the timed section, a steady-state figure)
 * @param quick smoke mode: 1 round, a tenth of the messages, 100 connections for scale
 * @param cases the cases to run
 * @param clients the clients, in the order of round 1
 * @param scaleConnections connections of the scale case
 * @param java java launcher of the children
 * @param vtJava java launcher for the virtual-thread case (a Java 21+ one, or it is skipped)
 * @param classpath classpath of the children
 * @param out Markdown file to write
 * @param tsv raw TSV file to write
 * @param logDir where children's standard error goes
 */
public record SideBySideSettings(int rounds, long msgs, int warmupFactor, boolean quick, List<BenchCase> cases, List<String> clients,
                                 int scaleConnections, String java, String vtJava, String classpath, Path out,
                                 Path tsv, Path logDir) {

    /** The command line's help text. */
    public static final String USAGE = String.join("\n",
        "usage: SideBySide [--rounds N] [--msgs N] [--warmup-factor N] [--quick] [--cases ID,…] [--clients relay,jnats]",
        "                  [--scale-connections N] [--vt-java PATH] [--out FILE]",
        "  --rounds N             interleaved rounds (default 5; --quick: 1)",
        "  --msgs N               timed PUB messages; every case's counts scale with it (default 1000000; --quick: 100000)",
        "  --warmup-factor N      multiply every case's warm-up by N (default 1; e.g. 10 for steady-state figures)",
        "  --cases ID,…           cases to run (default all): " + BenchCase.ids(),
        "  --scale-connections N  connections of the scale case (default 1000; --quick: 100)",
        "  --vt-java PATH         java (21+) for the virtual-thread case (default $VT_JAVA_HOME/bin/java, else this java)",
        "  --out FILE             Markdown output (default target/side-by-side.md; the TSV goes next to it)");

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the settings
     * @throws IllegalArgumentException on an unknown option or a bad value
     */
    public static SideBySideSettings parse(String... args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int rounds = quick ? 1 : 5;
        long msgs = quick ? 100_000 : 1_000_000;
        int scale = quick ? 100 : 1000;
        int warmupFactor = 1;
        List<BenchCase> cases = List.of(BenchCase.values());
        List<String> clients = List.of(SideBySideTable.RELAY, SideBySideTable.JNATS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String vtHome = System.getenv("VT_JAVA_HOME");
        String vtJava = vtHome != null && !vtHome.isBlank() && Files.isExecutable(Path.of(vtHome, "bin", "java"))
            ? Path.of(vtHome, "bin", "java").toString() : java;
        Path out = Path.of("target", "side-by-side.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick":
                    break;
                case "--rounds":
                    rounds = positive(a, value(args, ++i, a));
                    break;
                case "--msgs":
                    msgs = positive(a, value(args, ++i, a));
                    break;
                case "--warmup-factor":
                    warmupFactor = positive(a, value(args, ++i, a));
                    break;
                case "--scale-connections":
                    scale = positive(a, value(args, ++i, a));
                    break;
                case "--cases":
                    cases = new ArrayList<>();
                    for (String id : value(args, ++i, a).split(",")) {
                        cases.add(BenchCase.byId(id));
                    }
                    break;
                case "--clients":
                    clients = List.of(value(args, ++i, a).split(","));
                    if (!List.of(SideBySideTable.RELAY, SideBySideTable.JNATS).containsAll(clients)) {
                        throw new IllegalArgumentException("--clients takes relay and/or jnats, got " + clients);
                    }
                    break;
                case "--vt-java":
                    vtJava = value(args, ++i, a);
                    break;
                case "--out":
                    out = Path.of(value(args, ++i, a));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
        String name = out.getFileName().toString().replaceFirst("\\.md$", "");
        Path dir = out.toAbsolutePath().getParent();
        return new SideBySideSettings(rounds, msgs, warmupFactor, quick, List.copyOf(cases), List.copyOf(clients), scale, java,
            vtJava, System.getProperty("java.class.path"), out, dir.resolve(name + ".tsv"),
            dir.resolve(name + "-logs"));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (v < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'", e);
        }
    }
}
