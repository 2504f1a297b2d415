package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pull consumers against a real nats-server 2.9: fetch, next, metadata and every kind of ack. */
@NatsTest
@NatsServerOptions(jetStream = true)
class PullConsumerIT {

    /** A stream with {@code count} messages on {@code <name>.m} and a durable pull consumer "c". */
    private static String setUp(JetStream js, int count, ConsumerConfig.Builder consumer) {
        String s = unique("PULL");
        js.management().addStream(StreamConfig.builder(s).subjects(s + ".>").storage(StorageType.MEMORY).build());
        for (int i = 0; i < count; i++) {
            js.publish(s + ".m", bytes("m" + i));
        }
        js.management().addOrUpdateConsumer(s, consumer.durable("c").build());
        return s;
    }

    @Test
    void fetchWithFewerMessagesThanAskedReturnsWhatThereIsAtMaxWait(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 3, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                List<JsMessage> got = c.fetch(10, Duration.ofMillis(500));
                assertThat(got).extracting(JsMessage::dataAsString).containsExactly("m0", "m1", "m2");
                got.forEach(JsMessage::ack);
                assertThat(c.fetch(10, Duration.ofMillis(200))).isEmpty();
            }
        }
    }

    @Test
    void fetchReturnsAFullBatchAndLeavesTheRestForTheNext(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 25, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                List<JsMessage> first = c.fetch(10, WAIT);
                assertThat(first).hasSize(10);
                assertThat(first.get(0).metadata().streamSequence()).isEqualTo(1);
                List<JsMessage> rest = c.fetchNoWait(100);
                assertThat(rest).hasSize(15);
                assertThat(rest.get(14).metadata().streamSequence()).isEqualTo(25);
                assertThat(c.fetchNoWait(5)).isEmpty();
            }
        }
    }

    @Test
    void fetchBytesStopsAtTheByteBudget(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0, ConsumerConfig.builder());
            for (int i = 0; i < 10; i++) {
                js.publish(s + ".m", new byte[100]);
            }
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                List<JsMessage> got = c.fetchBytes(10, 450, WAIT);
                assertThat(got).isNotEmpty().hasSizeLessThan(10);
                assertThat(got.stream().mapToLong(Puller::wireSize).sum()).isLessThanOrEqualTo(450);
                // Only the byte budget ended the fetch: what is left is still there for the next one.
                assertThat(c.fetchNoWait(10)).hasSize(10 - got.size());
            }
        }
    }

    @Test
    void nextWaitsForAMessagePublishedLaterAndTimesOutWhenNoneComes(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                assertThatThrownBy(() -> c.next(Duration.ofMillis(200))).isInstanceOf(NatsTimeoutException.class);
                CompletableFuture<JsMessage> next = CompletableFuture.supplyAsync(() -> c.next(WAIT));
                await().atMost(WAIT).until(() -> c.info().waiting() == 1);
                js.publish(s + ".m", "late");
                assertThat(next.get(WAIT.toSeconds(), TimeUnit.SECONDS).dataAsString()).isEqualTo("late");
            }
        }
    }

    @Test
    void metadataComesFromTheReplySubject(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            Instant before = Instant.now().minusSeconds(60);
            String s = setUp(js, 3, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                JsMessage m = c.fetch(1, WAIT).get(0);
                MessageMetadata md = m.metadata();
                assertThat(md.stream()).isEqualTo(s);
                assertThat(md.consumer()).isEqualTo("c");
                assertThat(md.delivered()).isEqualTo(1);
                assertThat(md.streamSequence()).isEqualTo(1);
                assertThat(md.consumerSequence()).isEqualTo(1);
                assertThat(md.pending()).isEqualTo(2);
                assertThat(md.timestamp()).isAfter(before).isEqualTo(js.management().getMessage(s, 1).time());
            }
        }
    }

    @Test
    void nakRedeliversAtOnceAndTermNeverAgain(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 2, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                List<JsMessage> got = c.fetch(2, WAIT);
                got.get(0).nak();
                got.get(1).term();
                JsMessage again = c.next(WAIT);
                assertThat(again.dataAsString()).isEqualTo("m0");
                assertThat(again.metadata().delivered()).isEqualTo(2);
                again.ackSync(WAIT);
                assertThat(c.fetch(5, Duration.ofMillis(300))).isEmpty();
                assertThat(c.info().ackPending()).isZero();
            }
        }
    }

    @Test
    void nakWithDelayHoldsTheRedeliveryBack(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 1, ConsumerConfig.builder());
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                c.next(WAIT).nak(Duration.ofMinutes(10));
                // Without the delay the nak would redeliver at once; with it nothing is there.
                assertThat(c.fetch(1, Duration.ofMillis(500))).isEmpty();
                assertThat(c.info().ackPending()).isEqualTo(1);
            }
        }
    }

    @Test
    void inProgressKeepsTheMessageOwnedAndAckSyncConfirms(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 1, ConsumerConfig.builder().ackWait(Duration.ofSeconds(30)));
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                JsMessage m = c.next(WAIT);
                m.inProgress();
                m.inProgress();
                assertThat(m.isFinished()).isFalse();
                assertThat(c.info().ackPending()).isEqualTo(1);
                assertThat(m.ackSync(WAIT)).isTrue();
                // ackSync returned only after the server processed the ack: no waiting needed here.
                assertThat(c.info().ackPending()).isZero();
                assertThat(c.info().ackFloor().streamSequence()).isEqualTo(1);
                // a second acknowledgement is a no-op, as in jnats: nothing is sent, and it says so
                assertThat(m.ack()).isFalse();
                assertThat(m.term()).isFalse();
                assertThat(m.inProgress()).isFalse();
                assertThat(m.ackSync(WAIT)).isFalse();
                assertThat(c.info().ackFloor().streamSequence()).isEqualTo(1);
            }
        }
    }

    @Test
    void inProgressHoldsOffRedeliveryForLongerThanTheAckWait(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 1, ConsumerConfig.builder().ackWait(Duration.ofMillis(500)));
            java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                JsMessage m = c.next(WAIT);
                ticker.scheduleAtFixedRate(m::inProgress, 100, 100, TimeUnit.MILLISECONDS);
                // Four ack waits pass while the message is reported in progress: pulls never get it again.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> c.fetch(1, Duration.ofMillis(200)).isEmpty());
                assertThat(c.info().redelivered()).isZero();
                ticker.shutdownNow();
                ticker.awaitTermination(5, TimeUnit.SECONDS);
                m.ackSync(WAIT);
                assertThat(c.info().ackPending()).isZero();
            } finally {
                ticker.shutdownNow();
            }
        }
    }

    @Test
    void unackedMessagesAreRedeliveredAfterAckWait(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 1, ConsumerConfig.builder().ackWait(Duration.ofMillis(300)));
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                assertThat(c.next(WAIT).metadata().delivered()).isEqualTo(1);
                JsMessage again = c.next(WAIT);
                assertThat(again.metadata().delivered()).isEqualTo(2);
                assertThat(again.metadata().streamSequence()).isEqualTo(1);
                again.ack();
            }
        }
    }

    @Test
    void aMissingOrPushConsumerIsRefusedAndADeletedOneEndsAWaitingFetch(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0, ConsumerConfig.builder());
            assertThatThrownBy(() -> js.pullConsumer(s, "nope")).isInstanceOf(ConsumerNotFoundException.class);
            js.management().addOrUpdateConsumer(s, ConsumerConfig.builder().durable("push").deliverSubject("d." + s).build());
            assertThatThrownBy(() -> js.pullConsumer(s, "push")).isInstanceOf(IllegalArgumentException.class);

            try (PullConsumer c = js.pullConsumer(s, "c")) {
                CompletableFuture<List<JsMessage>> waiting = CompletableFuture.supplyAsync(() -> c.fetch(1, Duration.ofMinutes(1)));
                await().atMost(WAIT).until(() -> c.info().waiting() == 1);
                js.management().deleteConsumer(s, "c");
                assertThatThrownBy(() -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConsumerNotFoundException.class);
            }
        }
    }

    @Test
    void consumeAsksForMoreBeforeTheHandlerHasWorkedThroughABatch(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 100, ConsumerConfig.builder());
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
            try (PullConsumer c = js.pullConsumer(s, "c");
                 ConsumeContext ctx = c.consume(m -> {
                     if (handled.incrementAndGet() == 7) {
                         await().atMost(WAIT).until(() -> release.getCount() == 0);
                     }
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(10))) {
                // Batch 10: once only 5 of the 10 asked for were still to come, 5 more were asked for; so
                // while the 7th is being handled the server has delivered 15, not just the first 10.
                await().atMost(WAIT).until(() -> c.info().delivered().streamSequence() == 15);
                assertThat(handled.get()).isEqualTo(7);
                release.countDown();
                await().atMost(WAIT).until(() -> handled.get() == 100);
                assertThat(ctx.delivered()).isEqualTo(100);
            }
        }
    }

    @Test
    void consumeHandsEveryMessageToTheHandlerUntilClosed(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 500, ConsumerConfig.builder());
            List<Long> seqs = new CopyOnWriteArrayList<>();
            try (PullConsumer c = js.pullConsumer(s, "c");
                 ConsumeContext ctx = c.consume(m -> {
                     seqs.add(m.metadata().streamSequence());
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(64).withExpires(Duration.ofSeconds(2), Duration.ofMillis(500)))) {
                await().atMost(WAIT).until(() -> seqs.size() >= 500);
                for (int i = 0; i < 100; i++) {
                    js.publish(s + ".m", bytes("more" + i));
                }
                await().atMost(WAIT).until(() -> seqs.size() >= 600);
                assertThat(ctx.isActive()).isTrue();
                assertThat(ctx.delivered()).isEqualTo(600);
            }
            assertThat(seqs).doesNotHaveDuplicates().hasSize(600);
            assertThat(seqs).isSorted();
        }
    }

    /** An Error from a handler used to end the consume thread while isActive() still said true. */
    @Test
    void aHandlerThatThrowsAnErrorEndsTheConsumeAndSaysSo(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 3, ConsumerConfig.builder());
            java.util.List<NatsException> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (PullConsumer c = js.pullConsumer(s, "c");
                 ConsumeContext ctx = c.consume(m -> {
                     throw new AssertionError("a handler's own bug");
                 }, ConsumeOptions.DEFAULTS.withBatch(10).withErrorHandler(errors::add))) {
                await().atMost(WAIT).until(() -> !ctx.isActive());
                assertThat(errors).anySatisfy(e -> assertThat(e).hasMessageContaining("ended")
                    .hasRootCauseInstanceOf(AssertionError.class));
            }
        }
    }
}
