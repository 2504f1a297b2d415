package dev.relay.nats.objectstore;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StorageType;
import java.io.InputStream;
import java.time.Duration;

/**
 * Run in a JVM of its own with a small heap by {@link LargeObjectIT} (and by hand for bigger sizes): puts an
 * object generated on the fly, reads it back comparing every byte with the same generator, and prints the
 * throughput and the peak heap use. Exits 0 on success, 1 on a mismatch.
 *
 * <p>Usage: {@code LargeObjectProbe URL BUCKET MEBIBYTES}
 */
public final class LargeObjectProbe {
    private static final int MIB = 1024 * 1024;

    private LargeObjectProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args server URL, bucket name, size in MiB
     * @throws Exception on any failure (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[2]) * MIB;
        try (Connection nc = Nats.connect(Options.builder().servers(args[0]).connectTimeout(Duration.ofSeconds(10)).build())) {
            ObjectStore os = ObjectStoreManagement.of(JetStream.of(nc))
                .create(ObjectStoreConfig.builder(args[1]).storage(StorageType.FILE).build());
            long t0 = System.nanoTime();
            ObjectInfo info = os.put(ObjectMeta.of("large"), new PatternStream(size, 42));
            long t1 = System.nanoTime();
            long compared = 0;
            try (InputStream in = os.get("large"); InputStream expected = new PatternStream(size, 42)) {
                byte[] a = new byte[64 * 1024];
                byte[] b = new byte[64 * 1024];
                int n;
                while ((n = in.read(a)) > 0) {
                    if (expected.readNBytes(b, 0, n) != n || !java.util.Arrays.equals(a, 0, n, b, 0, n)) {
                        System.out.println("MISMATCH at byte " + compared);
                        System.exit(1);
                    }
                    compared += n;
                }
            }
            long t2 = System.nanoTime();
            if (compared != size || info.size() != size) {
                System.out.println("SIZE " + compared + " of " + size);
                System.exit(1);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf("OK size=%d MiB chunks=%d put=%.1f MiB/s get=%.1f MiB/s maxHeap=%d MiB usedNow=%d MiB%n",
                size / MIB, info.chunks(), size / (double) MIB / ((t1 - t0) / 1e9), size / (double) MIB / ((t2 - t1) / 1e9),
                rt.maxMemory() / MIB, (rt.totalMemory() - rt.freeMemory()) / MIB);
        }
    }
}
