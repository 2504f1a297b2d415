package dev.relay.cli.bench;

/**
 * The outcome of one benchmark run: what was measured and how long the timed section took, with
 * request latencies for request cases. Immutable once returned (the histogram is no longer written);
 * thread-safe.
 *
 * @param name the case, e.g. {@code pub}, {@code pubsub}, {@code reqrep}
 * @param msgs messages (or requests) in the timed section
 * @param size payload size in bytes
 * @param timing wall-clock and CPU time of the timed section
 * @param latency request latencies (empty for publish cases)
 */
public record BenchResult(String name, long msgs, int size, Timing timing, LatencyHistogram latency) {

    /**
     * Duration of the timed section.
     *
     * @return seconds
     */
    public double seconds() {
        return timing.wallNanos() / 1e9;
    }

    /**
     * Throughput.
     *
     * @return messages per second
     */
    public double msgsPerSecond() {
        return msgs / seconds();
    }

    /**
     * Payload throughput.
     *
     * @return payload bytes per second
     */
    public double bytesPerSecond() {
        return msgs * (double) size / seconds();
    }

    /**
     * Whether request latencies were recorded.
     *
     * @return true for request cases
     */
    public boolean hasLatency() {
        return latency.count() > 0;
    }

    /**
     * Client CPU per message (the whole process, JIT and GC included).
     *
     * @return nanoseconds of CPU per message, or -1 if unknown
     */
    public double cpuNanosPerMsg() {
        return timing.cpuNanos() < 0 ? -1 : timing.cpuNanos() / (double) msgs;
    }

    /**
     * nats-server CPU use during the timed section.
     *
     * @return server CPU as a percentage of one core, or -1 if unknown
     */
    public double serverCpuPercent() {
        return timing.serverCpuNanos() < 0 ? -1 : 100.0 * timing.serverCpuNanos() / timing.wallNanos();
    }
}
