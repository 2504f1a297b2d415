package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.junit.jupiter.api.Test;

/**
 * Relay's producer against the official 5.3.3 producer on the same embedded broker, in the same run:
 * sync (1 thread, with p50/p99), async (≤ 256 in flight) and oneway (one sync send per 500 as a
 * barrier). Not part of the suite (no *IT/*Test name); run it with
 * {@code mvn verify -pl relay-rocketmq -Dit.test=SideBySideBenchmark -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results go to stdout and {@code target/rmq-side-by-side.txt}.
 */
@RocketMqTest
class SideBySideBenchmark {
    private static final int SYNC = Integer.getInteger("bench.sync", 3000);
    private static final int ASYNC = Integer.getInteger("bench.async", 40000);
    private static final int ONEWAY = Integer.getInteger("bench.oneway", 40000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final byte[] BODY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private interface Client {
        void sync() throws Exception;

        void async(Runnable done) throws Exception;

        void oneway() throws Exception;
    }

    @Test
    void relayAgainstTheOfficialProducer(RocketMqServer server) throws Exception {
        String topic = Clients.unique("Bench");
        try (Admin admin = RocketMq.admin(Clients.options(server).build())) {
            admin.createTopic(topic, 4);
        }
        Producer relay = RocketMq.producer(Clients.options(server).group(Clients.unique("relaybench")).build());
        relay.start();
        Message m = Message.builder(topic).body(BODY).build();
        DefaultMQProducer official = new DefaultMQProducer(Clients.unique("officialbench"));
        official.setNamesrvAddr(server.nameServer());
        official.setInstanceName(Clients.unique("official"));
        official.start();
        org.apache.rocketmq.common.message.Message om = new org.apache.rocketmq.common.message.Message(topic, BODY);
        Client relayClient = new Client() {
            public void sync() {
                relay.send(m);
            }

            public void async(Runnable done) {
                relay.sendAsync(m).whenComplete((r, e) -> done.run());
            }

            public void oneway() {
                relay.sendOneway(m);
            }
        };
        Client officialClient = new Client() {
            public void sync() throws Exception {
                official.send(om);
            }

            public void async(Runnable done) throws Exception {
                official.send(om, new SendCallback() {
                    public void onSuccess(org.apache.rocketmq.client.producer.SendResult r) {
                        done.run();
                    }

                    public void onException(Throwable e) {
                        done.run();
                    }
                });
            }

            public void oneway() throws Exception {
                official.sendOneway(om);
            }
        };
        List<String> lines = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) { // warm-up both
                relayClient.sync();
                officialClient.sync();
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (String mode : List.of("sync", "async", "oneway")) {
                    lines.add(run("relay", mode, relayClient, round));
                    lines.add(run("official", mode, officialClient, round));
                }
            }
        } finally {
            relay.shutdown();
            official.shutdown();
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "rmq-side-by-side.txt"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(lines).hasSize(ROUNDS * 6);
    }

    private static String run(String name, String mode, Client client, int round) throws Exception {
        long start = System.nanoTime();
        int n;
        String extra = "";
        switch (mode) {
            case "sync" -> {
                n = SYNC;
                long[] lat = new long[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    client.sync();
                    lat[i] = System.nanoTime() - t0;
                }
                Arrays.sort(lat);
                extra = String.format(" p50=%.3fms p99=%.3fms", lat[n / 2] / 1e6, lat[(int) (n * 0.99)] / 1e6);
            }
            case "async" -> {
                n = ASYNC;
                Semaphore inFlight = new Semaphore(256);
                CountDownLatch all = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    inFlight.acquire();
                    client.async(() -> {
                        inFlight.release();
                        all.countDown();
                    });
                }
                assertThat(all.await(120, TimeUnit.SECONDS)).isTrue();
            }
            default -> {
                n = ONEWAY;
                for (int i = 1; i <= n; i++) {
                    client.oneway();
                    if (i % 500 == 0) {
                        client.sync();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("round %d %-8s %-6s %7d msgs %8.0f msg/s%s", round, name, mode, n, n / seconds, extra);
    }
}
