package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link OrderedConsumer#fetch}: batches in stream order, with the gap and recreate logic, against the real server. */
@NatsTest
@NatsServerOptions(jetStream = true)
class OrderedFetchIT {

    private static String stream(JetStream js) {
        String s = unique("OF");
        js.management().addStream(StreamConfig.builder(s).subjects(s + ".>").storage(StorageType.MEMORY).build());
        return s;
    }

    private static void publish(JetStream js, String subject, int count) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(js.publishAsync(subject, bytes("m" + i)));
        }
        acks.forEach(CompletableFuture::join);
    }

    private static List<Long> sequences(List<JsMessage> messages) {
        return messages.stream().map(m -> m.metadata().streamSequence()).toList();
    }

    @Test
    void fetchReturnsFullBatchesInOrderThenWhatThereIsAtMaxWait(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            for (int i = 0; i < 500; i++) {
                js.publishAsync(s + (i % 2 == 0 ? ".keep" : ".skip"), bytes("m" + i));
            }
            js.waitForPendingPublishes(WAIT);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().filterSubject(s + ".keep").build())) {
                List<String> got = new ArrayList<>();
                List<JsMessage> first = oc.fetch(100, WAIT);
                assertThat(first).hasSize(100);
                first.forEach(m -> got.add(m.dataAsString()));
                List<JsMessage> second = oc.fetch(100, WAIT);
                assertThat(second).hasSize(100);
                second.forEach(m -> got.add(m.dataAsString()));
                List<JsMessage> rest = oc.fetch(100, Duration.ofMillis(500));
                assertThat(rest).hasSize(50);
                rest.forEach(m -> got.add(m.dataAsString()));
                assertThat(got).hasSize(250).doesNotHaveDuplicates();
                assertThat(got).first().isEqualTo("m0");
                assertThat(got).last().isEqualTo("m498");
                assertThat(sequences(first)).isSorted();
                assertThat(oc.lastStreamSequence()).isEqualTo(rest.get(49).metadata().streamSequence());

                assertThat(oc.fetch(10, Duration.ofMillis(300))).isEmpty();
                js.publish(s + ".keep", "late");
                assertThat(oc.fetch(1, WAIT)).extracting(JsMessage::dataAsString).containsExactly("late");
                assertThat(oc.resets()).isZero();
            }
        }
    }

    @Test
    void nextAndFetchShareOnePositionInTheStream(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            publish(js, s + ".x", 40);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                List<Long> seqs = new ArrayList<>();
                while (seqs.size() < 40) {
                    seqs.add(oc.next(WAIT).metadata().streamSequence());
                    seqs.addAll(sequences(oc.fetch(Math.min(7, 40 - seqs.size()), WAIT)));
                }
                assertThat(seqs).hasSize(40).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(39)).isEqualTo(40);
            }
        }
    }

    @Test
    void fetchRecreatesAVanishedConsumerAndResumesAfterTheLastMessageHandedOut(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            publish(js, s + ".o", 1000);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                List<Long> seqs = new ArrayList<>(sequences(oc.fetch(100, WAIT)));
                // The consumer disappears under it (as after a server restart with memory state).
                js.management().consumerNames(s).forEach(c -> js.management().deleteConsumer(s, c));
                while (seqs.size() < 1000) {
                    List<JsMessage> batch = oc.fetch(100, WAIT);
                    assertThat(batch).isNotEmpty();
                    batch.forEach(m -> assertThat(m.dataAsString()).isEqualTo("m" + (m.metadata().streamSequence() - 1)));
                    seqs.addAll(sequences(batch));
                }
                assertThat(seqs).hasSize(1000).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(999)).isEqualTo(1000);
                assertThat(oc.resets()).isPositive();
            }
            assertThat(js.management().consumerNames(s)).isEmpty();
        }
    }

    @Test
    void fetchRepairsGapsFromMessagesDroppedInTheClientWithoutLosingAny(NatsServer server) {
        // A subscription may hold only 20 messages: a fetch of 200 overflows it, the client drops
        // messages (slow consumer), and the consumer sequence shows a gap.
        try (Connection nc = Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT)
            .pendingLimits(20, 64L << 20).build())) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            publish(js, s + ".g", 2000);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                List<Long> seqs = new ArrayList<>();
                while (seqs.size() < 2000) {
                    List<JsMessage> batch = oc.fetch(200, WAIT);
                    assertThat(batch).hasSizeLessThanOrEqualTo(200);
                    seqs.addAll(sequences(batch));
                }
                assertThat(seqs).hasSize(2000).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(1999)).isEqualTo(2000);
                assertThat(oc.resets()).as("gaps seen and repaired").isPositive();
            }
        }
    }

    @Test
    void fetchChecksItsArguments(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                assertThatThrownBy(() -> oc.fetch(0, WAIT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch");
                assertThatThrownBy(() -> oc.fetch(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxWait");
            }
        }
    }
}
