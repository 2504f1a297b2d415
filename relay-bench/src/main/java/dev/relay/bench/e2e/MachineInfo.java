package dev.relay.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Describes the run for the report's header: machine (cores, CPU model, memory), JDKs, server version,
 * rounds and method. Reads {@code /proc}; stateless; thread-safe.
 */
final class MachineInfo {

    private MachineInfo() {
    }

    /** The Markdown header that precedes the tables. */
    static String header(SideBySideSettings s, String serverVersion, long seconds) {
        String cases = s.cases().stream().map(c -> c.id).collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "## Relay vs jnats, side by side (%s)%n%n", LocalDate.now())
            + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
            + memory() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
            + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
            + " (default flags); virtual-thread case: " + s.vtJava() + "\n"
            + "- server: nats-server " + serverVersion + " (one process, loopback, JetStream off, shared by all runs)\n"
            + "- clients: Relay " + dev.relay.nats.Nats.VERSION + ", jnats " + jnatsVersion() + "\n"
            + String.format(Locale.ROOT, "- method: %d interleaved round(s), order of cases and clients rotated each "
                + "round; every (client, case, round) in a fresh JVM: connect, warm-up, then one timed section; "
                + "cases %s; message scale %,d; warm-up %s; %d min %02d s in all%n%n", s.rounds(), cases, s.msgs(),
                s.warmupFactor() == 1 ? "as each case defines" : s.warmupFactor() + "x each case's (steady state)",
                seconds / 60, seconds % 60);
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String memory() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            return lines.stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> String.format(Locale.ROOT, "%.1f GiB RAM",
                    Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024.0 * 1024)))
                .orElse("unknown memory");
        } catch (IOException | NumberFormatException e) {
            return "unknown memory";
        }
    }

    static String jnatsVersion() {
        String v = io.nats.client.Nats.CLIENT_VERSION;
        return v == null ? "unknown" : v;
    }
}
