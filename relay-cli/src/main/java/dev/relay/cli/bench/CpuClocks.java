package dev.relay.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CPU time: this process's through the JDK's management bean, nats-server's from
 * {@code /proc/PID/stat} when the system property {@value #SERVER_PID_PROPERTY} names its pid (the
 * side-by-side runner sets it). Stateless; thread-safe.
 */
final class CpuClocks {

    /** System property holding nats-server's pid, so a benchmark can report the server's CPU too. */
    static final String SERVER_PID_PROPERTY = "relay.bench.serverPid";
    /** Linux's USER_HZ: /proc reports CPU in ticks of 10 ms on every mainstream kernel build. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClocks() {
    }

    /** CPU time of this process in nanoseconds, or -1 where the JDK does not expose it. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time (user + system) of the nats-server named by the property, or -1 if unknown. */
    static long serverCpuNanos() {
        String pid = System.getProperty(SERVER_PID_PROPERTY);
        if (pid == null || pid.isBlank()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid.strip(), "stat"));
            // The command name (field 2) may contain spaces; the fields after its ')' are fixed.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12].
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
