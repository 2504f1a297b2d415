package dev.relay.bench.e2e;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The object store's large-object benchmark: a real nats-server (file storage), and {@code relay obj put}
 * then {@code relay obj get} each in a fresh JVM with a capped heap (256 MiB by default), moving a 1 GiB
 * object through stdin and stdout. This process generates the content and compares every byte read back;
 * the library checks the size and SHA-256 digest too. Prints throughput per direction; a heap too small
 * for the transfer would end the child with an {@code OutOfMemoryError} and fail the run.
 *
 * <p>{@code relay-bench/run objects [MEBIBYTES [HEAP]]}, e.g. {@code relay-bench/run objects 1024 256m}
 */
public final class LargeObjectBench {
    private static final int MIB = 1024 * 1024;
    private static final int BLOCK = 64 * 1024;
    private static final long SEED = 20_240_501L;
    private static final long TIMEOUT_MINUTES = 15;

    private LargeObjectBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional size in MiB (default 1024) and child heap limit (default 256m)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        String heap = args.length > 1 ? args[1] : "256m";
        long size = mib * MIB;
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(true).build())) {
            String url = server.url();
            run(heap, List.of("-s", url, "obj", "add", "bench"), null, null);
            long t0 = System.nanoTime();
            run(heap, List.of("-s", url, "obj", "put", "bench", "--as", "large"), out -> write(out, size), null);
            long t1 = System.nanoTime();
            long[] read = new long[1];
            run(heap, List.of("-s", url, "obj", "get", "bench", "large"), null, in -> read[0] = compare(in, size));
            long t2 = System.nanoTime();
            if (read[0] != size) {
                throw new IllegalStateException("read " + read[0] + " bytes of " + size);
            }
            System.out.printf("object %d MiB, child heap -Xmx%s: put %.1f MiB/s (%.1f s), get %.1f MiB/s (%.1f s), "
                    + "content identical%n", mib, heap, mib / seconds(t0, t1), seconds(t0, t1), mib / seconds(t1, t2),
                seconds(t1, t2));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** Feeds a child's stdin. */
    private interface Feeder {
        void feed(OutputStream out) throws IOException;
    }

    /** Reads a child's stdout. */
    private interface Reader {
        void read(InputStream in) throws IOException;
    }

    private static void run(String heap, List<String> relayArgs, Feeder feeder, Reader reader) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
            "-cp", System.getProperty("java.class.path"), "dev.relay.cli.Relay"));
        cmd.addAll(relayArgs);
        Path log = Files.createTempFile("relay-obj-bench", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        if (reader == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            if (feeder != null) {
                feeder.feed(stdin);
            }
        }
        if (reader != null) {
            try (InputStream stdout = p.getInputStream()) {
                reader.read(stdout);
            }
        }
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("relay " + relayArgs + " timed out; log " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("relay " + relayArgs + " exited " + p.exitValue() + ": "
                + Files.readString(log));
        }
        Files.delete(log);
    }

    /** The content, block by block, from a seeded generator (nothing of it is held). */
    private static void write(OutputStream out, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] block = new byte[BLOCK];
        for (long done = 0; done < size; done += BLOCK) {
            fill(random, block);
            out.write(block, 0, (int) Math.min(BLOCK, size - done));
        }
    }

    /** Reads everything, comparing it with the same generator; returns how many bytes came. */
    private static long compare(InputStream in, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] expected = new byte[BLOCK];
        byte[] got = new byte[BLOCK];
        long total = 0;
        while (true) {
            int n = in.readNBytes(got, 0, BLOCK);
            if (n == 0) {
                return total;
            }
            fill(random, expected);
            if (total + n > size || !Arrays.equals(got, 0, n, expected, 0, n)) {
                throw new IllegalStateException("content differs in the block at byte " + total);
            }
            total += n;
        }
    }

    private static void fill(SplittableRandom random, byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block);
        while (b.remaining() >= Long.BYTES) {
            b.putLong(random.nextLong());
        }
    }
}
