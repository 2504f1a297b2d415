package dev.relay.cli.rmq;

import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.Producer;
import dev.relay.rocketmq.RocketMq;
import dev.relay.rocketmq.SendResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay rmq bench sync|async|oneway}: sends a fixed number of messages and prints throughput
 * (and, for sync, latency percentiles). Oneway sends are paced by one sync send every
 * {@value #ONEWAY_BARRIER} messages so the broker is not flooded. Confined to the command's thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure send throughput (and sync latency) against a broker.",
        footer = {"%nExamples:", "  relay rmq bench sync --msgs 5000", "  relay rmq bench async --msgs 100000 --size 128"})
final class RmqBenchCommand implements Callable<Integer> {
    private static final int ONEWAY_BARRIER = 500;

    @ParentCommand
    private RmqCommand rmq;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "sync, async or oneway")
    private String mode;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "RelayBench", description = "topic (default: ${DEFAULT-VALUE})")
    private String topic;

    @Option(names = "--msgs", paramLabel = "N", defaultValue = "10000", description = "messages to send (default: ${DEFAULT-VALUE})")
    private int msgs;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "16", description = "body size (default: ${DEFAULT-VALUE})")
    private int size;

    @Override
    public Integer call() {
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("oneway")) {
            throw new ParameterException(spec.commandLine(), "MODE must be sync, async or oneway, got '" + mode + "'");
        }
        if (msgs < 1 || size < 1) {
            throw new ParameterException(spec.commandLine(), "--msgs and --size must be at least 1");
        }
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        Message message = Message.builder(topic).body(body).build();
        try (Producer producer = RocketMq.producer(rmq.options(null))) {
            producer.start();
            producer.send(message); // warm the route and the connection
            long[] latencies = new long[mode.equals("sync") ? msgs : 0];
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            switch (mode) {
                case "sync" -> {
                    for (int i = 0; i < msgs; i++) {
                        long t0 = System.nanoTime();
                        producer.send(message);
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
                case "async" -> {
                    CompletableFuture<?>[] all = new CompletableFuture<?>[msgs];
                    for (int i = 0; i < msgs; i++) {
                        all[i] = producer.sendAsync(message).whenComplete((SendResult r, Throwable e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
                    }
                    CompletableFuture.allOf(all).exceptionally(e -> null).join();
                }
                default -> {
                    for (int i = 1; i <= msgs; i++) {
                        producer.sendOneway(message);
                        if (i % ONEWAY_BARRIER == 0) {
                            producer.send(message);
                        }
                    }
                }
            }
            report(System.nanoTime() - start, latencies, failed.get());
        }
        return 0;
    }

    private void report(long elapsedNanos, long[] latencies, long failed) {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = elapsedNanos / 1e9;
        out.printf("%s: %d messages of %d bytes in %.2f s = %.0f msg/s, %d failed%n", mode, msgs, size, seconds,
            msgs / seconds, failed);
        if (latencies.length > 0) {
            Arrays.sort(latencies);
            out.printf("sync latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                latencies[(int) Math.min(latencies.length - 1, latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6);
        }
    }
}
