package dev.relay.cli.bench;

/**
 * What one timed section of a benchmark cost: wall-clock time, CPU time of this process, and CPU time
 * of the nats-server process when its pid was known. Immutable; thread-safe.
 *
 * @param wallNanos elapsed wall-clock time in nanoseconds
 * @param cpuNanos CPU time of this whole process (all threads, JIT and GC included), or -1 if unknown
 * @param serverCpuNanos CPU time of nats-server (10 ms resolution), or -1 if unknown
 */
public record Timing(long wallNanos, long cpuNanos, long serverCpuNanos) {

    /**
     * Starts a section now: reads the clock and the CPU counters once.
     *
     * @return a running section; call {@link Running#stop()} when it ends
     */
    public static Running start() {
        return new Running(System.nanoTime(), CpuClocks.processCpuNanos(), CpuClocks.serverCpuNanos());
    }

    /**
     * A section that has started. Confined to the thread that started it.
     *
     * @param startNanos {@link System#nanoTime()} at the start
     * @param startCpuNanos process CPU at the start, or -1
     * @param startServerCpuNanos server CPU at the start, or -1
     */
    public record Running(long startNanos, long startCpuNanos, long startServerCpuNanos) {

        /**
         * Ends the section.
         *
         * @return what it cost
         */
        public Timing stop() {
            long wall = System.nanoTime() - startNanos;
            long cpu = CpuClocks.processCpuNanos();
            long server = CpuClocks.serverCpuNanos();
            return new Timing(wall, delta(startCpuNanos, cpu), delta(startServerCpuNanos, server));
        }

        private static long delta(long from, long to) {
            return from < 0 || to < 0 ? -1 : to - from;
        }
    }
}
