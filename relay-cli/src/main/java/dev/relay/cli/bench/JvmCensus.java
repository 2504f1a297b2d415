package dev.relay.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of this JVM's threads and heap, for the scale case: live platform threads (the JVM's own
 * included), the same grouped by name with trailing numbers dropped, and used heap after a full GC.
 * Immutable; thread-safe.
 *
 * @param threads live threads ({@code ThreadMXBean.getThreadCount()}: main, JVM service threads such
 *     as Reference Handler and Finalizer, and every client thread)
 * @param threadsByName thread counts by name with digits stripped, e.g. {@code relay-nats-io-=2}
 * @param heapUsedBytes used heap in bytes (after {@code System.gc()} when asked)
 */
public record JvmCensus(int threads, Map<String, Integer> threadsByName, long heapUsedBytes) {

    /**
     * Takes a census now.
     *
     * @param collectFirst run a full GC first, so the heap figure is what is still reachable
     * @return the snapshot
     */
    public static JvmCensus take(boolean collectFirst) {
        if (collectFirst) {
            System.gc();
            System.gc();
        }
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new JvmCensus(threads, Map.copyOf(byName), heap);
    }

    /**
     * Thread groups as one line, largest first.
     *
     * @return e.g. {@code jnats-reader-#×1000, main×1}
     */
    public String threadSummary() {
        StringBuilder b = new StringBuilder();
        threadsByName.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('×').append(e.getValue()));
        return b.toString();
    }
}
