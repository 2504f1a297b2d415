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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pull consumer read as a blocking iteration ({@link PullConsumer#iterate}) against the real server. */
@NatsTest
@NatsServerOptions(jetStream = true)
class IterateIT {

    /** A stream with {@code count} messages on {@code <name>.m} and a durable pull consumer "c". */
    private static String setUp(JetStream js, int count) {
        String s = unique("ITER");
        js.management().addStream(StreamConfig.builder(s).subjects(s + ".>").storage(StorageType.MEMORY).build());
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(js.publishAsync(s + ".m", bytes("m" + i)));
        }
        acks.forEach(CompletableFuture::join);
        js.management().addOrUpdateConsumer(s, ConsumerConfig.builder().durable("c").build());
        return s;
    }

    @Test
    void aForEachLoopReadsEveryMessageInOrderAcrossManyPullsAndEndsWhenClosed(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 250);
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                MessageIterable messages = c.iterate(ConsumeOptions.DEFAULTS.withBatch(20));
                List<String> got = new ArrayList<>();
                for (JsMessage m : messages) {
                    got.add(m.dataAsString());
                    m.ack();
                    if (got.size() == 250) {
                        break;
                    }
                }
                assertThat(got).first().isEqualTo("m0");
                assertThat(got).last().isEqualTo("m249");
                assertThat(got).doesNotHaveDuplicates();
                assertThat(messages.delivered()).isEqualTo(250);
                assertThat(messages.isActive()).isTrue();
                messages.close();
                assertThat(messages.isActive()).isFalse();
                Iterator<JsMessage> it = messages.iterator();
                assertThat(it.hasNext()).isFalse();
                assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
                assertThatThrownBy(() -> messages.next(WAIT)).isInstanceOf(NoSuchElementException.class);
            }
        }
    }

    @Test
    void hasNextWaitsForAMessageAndDoesNotTakeOneItself(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0);
            try (PullConsumer c = js.pullConsumer(s, "c"); MessageIterable messages = c.iterate()) {
                Iterator<JsMessage> it = messages.iterator();
                CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(it::hasNext);
                js.publish(s + ".m", "first");
                js.publish(s + ".m", "second");
                assertThat(waiting).succeedsWithin(WAIT).isEqualTo(true);
                assertThat(it.hasNext()).isTrue();
                assertThat(it.next().dataAsString()).isEqualTo("first");
                assertThat(it.next().dataAsString()).isEqualTo("second");
                assertThat(messages.iterator()).isSameAs(it);
            }
        }
    }

    @Test
    void itNeverHoldsMoreThanTheBatchAskedForAheadWhileTheReaderIsBusy(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 1000);
            int batch = 10;
            try (PullConsumer c = js.pullConsumer(s, "c");
                 MessageIterable messages = c.iterate(ConsumeOptions.DEFAULTS.withBatch(batch))) {
                for (int round = 1; round <= 5; round++) {
                    for (int i = 0; i < 7; i++) {
                        messages.next(WAIT).ack();
                    }
                    long handedOut = messages.delivered();
                    // The reader is busy now. Once the server filled every open request, it delivered what
                    // was handed out plus what was asked for ahead (at most the batch; one of them may be
                    // waiting in the iterator), and nothing more is asked for until the reader comes back.
                    await().atMost(WAIT).until(() -> c.info().waiting() == 0);
                    long deliveredByServer = c.info().delivered().consumerSequence();
                    assertThat(deliveredByServer).isGreaterThan(handedOut).isLessThanOrEqualTo(handedOut + batch);
                }
                assertThat(c.info().pending()).isGreaterThan(900);
            }
        }
    }

    @Test
    void nextWithAMaxWaitTimesOutAndTheIterationGoesOn(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0);
            try (PullConsumer c = js.pullConsumer(s, "c"); MessageIterable messages = c.iterate()) {
                assertThatThrownBy(() -> messages.next(Duration.ofMillis(300))).isInstanceOf(NatsTimeoutException.class);
                assertThat(messages.isActive()).isTrue();
                js.publish(s + ".m", "late");
                assertThat(messages.next(WAIT).dataAsString()).isEqualTo("late");
            }
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingHasNextWithFalse(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0);
            try (PullConsumer c = js.pullConsumer(s, "c")) {
                MessageIterable messages = c.iterate();
                CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> messages.iterator().hasNext());
                await().atMost(WAIT).until(() -> c.info().waiting() > 0);   // its pull request is open
                messages.close();
                assertThat(waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
                assertThat(messages.isActive()).isFalse();
            }
        }
    }

    @Test
    void closingThePullConsumerEndsItsIterations(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 0);
            PullConsumer c = js.pullConsumer(s, "c");
            MessageIterable messages = c.iterate();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> messages.iterator().hasNext());
            await().atMost(WAIT).until(() -> c.info().waiting() > 0);
            c.close();
            assertThat(waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            assertThat(messages.isActive()).isFalse();
        }
    }

    @Test
    void aDeletedConsumerEndsTheIterationWithConsumerNotFoundEveryTimeAfter(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = setUp(js, 3);
            List<NatsException> reported = new CopyOnWriteArrayList<>();
            try (PullConsumer c = js.pullConsumer(s, "c");
                 MessageIterable messages = c.iterate(ConsumeOptions.DEFAULTS.withErrorHandler(reported::add))) {
                Iterator<JsMessage> it = messages.iterator();
                for (int i = 0; i < 3; i++) {
                    assertThat(it.next().dataAsString()).isEqualTo("m" + i);
                }
                CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(it::hasNext);
                await().atMost(WAIT).until(() -> c.info().waiting() > 0);
                js.management().deleteConsumer(s, "c");
                assertThat(waiting).failsWithin(WAIT).withThrowableThat().isInstanceOf(ExecutionException.class)
                    .withCauseInstanceOf(ConsumerNotFoundException.class);
                assertThat(messages.isActive()).isFalse();
                assertThatThrownBy(it::hasNext).isInstanceOf(ConsumerNotFoundException.class);
                assertThatThrownBy(() -> messages.next(WAIT)).isInstanceOf(ConsumerNotFoundException.class);
            }
        }
    }
}
