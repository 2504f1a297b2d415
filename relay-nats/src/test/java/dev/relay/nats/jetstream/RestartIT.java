package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsException;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Consumption across a server restart with file storage: a continuous pull consume and an ordered
 * consumer both go on after the restart without losing messages; the only repeats are redeliveries.
 */
@NatsTest
@NatsServerOptions(jetStream = true, perMethod = true)
class RestartIT {
    private static final int BEFORE = 500;
    private static final int AFTER = 500;

    private static void fileStream(JetStream js, String name) {
        js.management().addStream(StreamConfig.builder(name).subjects(name + ".>").storage(StorageType.FILE).build());
    }

    /** Publishes, retrying while the server comes back (a publish whose ack was lost may be stored twice). */
    private static void publishWithRetry(JetStream js, String subject, int i) {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(NatsException.class)
            .until(() -> js.publish(subject, bytes("m" + i), PublishOptions.messageId("id-" + i)).sequence() > 0);
    }

    @Test
    void consumeGoesOnAfterAServerRestartWithoutLoss(NatsServer server) {
        try (Connection nc = JsClients.connectResilient(server)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            fileStream(js, "R");
            js.management().addOrUpdateConsumer("R", ConsumerConfig.builder().durable("worker")
                .ackWait(Duration.ofSeconds(2)).build());
            for (int i = 0; i < BEFORE; i++) {
                js.publish("R.m", bytes("m" + i), PublishOptions.messageId("id-" + i));
            }
            Map<Long, Integer> deliveries = new ConcurrentHashMap<>();
            AtomicInteger errors = new AtomicInteger();
            try (PullConsumer c = js.pullConsumer("R", "worker");
                 ConsumeContext ctx = c.consume(m -> {
                     deliveries.merge(m.metadata().streamSequence(), 1, Integer::sum);
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(50).withExpires(Duration.ofSeconds(2), Duration.ofMillis(500))
                     .withErrorHandler(e -> errors.incrementAndGet()))) {
                await().atMost(WAIT).until(() -> deliveries.size() >= BEFORE);

                server.restart();

                for (int i = BEFORE; i < BEFORE + AFTER; i++) {
                    publishWithRetry(js, "R.m", i);
                }
                await().atMost(Duration.ofMinutes(1)).until(() -> deliveries.size() >= BEFORE + AFTER);
                assertThat(ctx.isActive()).isTrue();
                // The lost pull request (no heartbeats while the server was down) was reported, then replaced.
                assertThat(errors.get()).isPositive();
            }
            long stored = js.management().streamInfo("R").state().messages();
            assertThat(stored).isEqualTo(BEFORE + AFTER);
            assertThat(deliveries.keySet()).hasSize(BEFORE + AFTER);
            assertThat(deliveries.keySet()).allMatch(seq -> seq >= 1 && seq <= stored);
            // Repeats are only redeliveries of messages whose ack was lost in the restart: a handful at most.
            long repeats = deliveries.values().stream().filter(n -> n > 1).count();
            assertThat(repeats).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void anOrderedConsumerDeliversEverythingOnceInOrderAcrossARestart(NatsServer server) {
        try (Connection nc = JsClients.connectResilient(server)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            fileStream(js, "OR");
            for (int i = 0; i < BEFORE; i++) {
                js.publish("OR.m", bytes("m" + i));
            }
            List<Long> seqs = new ArrayList<>();
            try (OrderedConsumer oc = js.orderedConsumer("OR", ConsumerConfig.builder().build())) {
                for (int i = 0; i < BEFORE / 2; i++) {
                    seqs.add(oc.next(WAIT).metadata().streamSequence());
                }

                server.restart();

                for (int i = BEFORE; i < BEFORE + AFTER; i++) {
                    publishWithRetry(js, "OR.m", i);
                }
                long total = js.management().streamInfo("OR").state().messages();
                while (seqs.size() < total) {
                    seqs.add(oc.next(Duration.ofSeconds(30)).metadata().streamSequence());
                }
                assertThat(oc.resets()).isPositive();
            }
            assertThat(seqs).doesNotHaveDuplicates().isSorted();
            assertThat(seqs).hasSize(BEFORE + AFTER);
            assertThat(seqs.get(seqs.size() - 1)).isEqualTo(BEFORE + AFTER);
        }
    }
}
