package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Push consumers (flow control, heartbeats, queue groups) and ordered consumers against nats-server 2.9. */
@NatsTest
@NatsServerOptions(jetStream = true)
class PushAndOrderedIT {

    private static String stream(JetStream js) {
        String s = unique("PO");
        js.management().addStream(StreamConfig.builder(s).subjects(s + ".>").storage(StorageType.MEMORY).build());
        return s;
    }

    private static void publishMany(JetStream js, String subject, int count) {
        for (int i = 0; i < count; i += 1000) {
            int from = i;
            List<java.util.concurrent.CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int j = from; j < Math.min(count, from + 1000); j++) {
                acks.add(js.publishAsync(subject, bytes("m" + j)));
            }
            acks.forEach(java.util.concurrent.CompletableFuture::join);
        }
    }

    @Test
    void aPushConsumerWithFlowControlReceivesHundredThousandMessagesWithoutStalling(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            int count = 100_000;
            publishMany(js, s + ".x", count);
            AtomicLong received = new AtomicLong();
            AtomicLong lastSeq = new AtomicLong();
            AtomicLong outOfOrder = new AtomicLong();
            ConsumerConfig cfg = ConsumerConfig.builder().ackPolicy(AckPolicy.NONE).flowControl(true)
                .idleHeartbeat(Duration.ofMillis(500)).build();
            try (PushSubscription sub = js.subscribe(s, cfg, m -> {
                long seq = m.metadata().streamSequence();
                if (seq != lastSeq.get() + 1) {
                    outOfOrder.incrementAndGet();
                }
                lastSeq.set(seq);
                received.incrementAndGet();
            })) {
                await().atMost(Duration.ofMinutes(2)).until(() -> received.get() >= count);
                assertThat(sub.flowControlReplies()).isPositive();
                await().atMost(WAIT).until(() -> sub.heartbeats() > 0);
                assertThat(sub.info().delivered().streamSequence()).isEqualTo(count);
            }
            assertThat(received.get()).isEqualTo(count);
            assertThat(outOfOrder.get()).isZero();
        }
    }

    @Test
    void aPushSubscriptionNoticesWhenHeartbeatsStop(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            ConsumerConfig cfg = ConsumerConfig.builder().durable("hb").deliverSubject("hb." + s)
                .ackPolicy(AckPolicy.NONE).idleHeartbeat(Duration.ofMillis(200)).build();
            try (PushSubscription sub = js.subscribe(s, cfg, m -> { })) {
                await().atMost(WAIT).until(() -> sub.heartbeats() >= 3);
                long before = sub.missedHeartbeats();
                js.management().deleteConsumer(s, "hb");
                await().atMost(WAIT).until(() -> sub.missedHeartbeats() > before);
            }
        }
    }

    @Test
    void aQueuePushConsumerSharesMessagesBetweenItsMembers(NatsServer server) {
        try (Connection a = JsClients.connect(server); Connection b = JsClients.connect(server)) {
            JetStream jsa = JetStream.of(a);
            String s = stream(jsa);
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            AtomicLong deliveries = new AtomicLong();
            AtomicLong toA = new AtomicLong();
            ConsumerConfig cfg = ConsumerConfig.builder().durable("q").deliverSubject("deliver." + s)
                .deliverGroup("workers").build();
            try (PushSubscription first = jsa.subscribe(s, cfg, m -> {
                    seen.add(m.metadata().streamSequence());
                    deliveries.incrementAndGet();
                    toA.incrementAndGet();
                    m.ack();
                });
                 PushSubscription second = JetStream.of(b).bind(s, "q", m -> {
                     seen.add(m.metadata().streamSequence());
                     deliveries.incrementAndGet();
                     m.ack();
                 })) {
                b.flush(WAIT);
                publishMany(jsa, s + ".q", 2000);
                await().atMost(WAIT).until(() -> seen.size() == 2000);
                assertThat(first.consumer()).isEqualTo("q");
                assertThat(second.consumer()).isEqualTo("q");
            }
            assertThat(deliveries.get()).isEqualTo(2000);
            assertThat(toA.get()).isBetween(1L, 1999L);
        }
    }

    @Test
    void anOrderedConsumerDeliversEveryMessageOnceInOrderWithAFilter(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            for (int i = 0; i < 300; i++) {
                js.publish(s + (i % 3 == 0 ? ".keep" : ".skip"), bytes("m" + i));
            }
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().filterSubject(s + ".keep").build())) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    got.add(oc.next(WAIT).dataAsString());
                }
                assertThat(got).first().isEqualTo("m0");
                assertThat(got).last().isEqualTo("m297");
                assertThat(got).doesNotHaveDuplicates();
                assertThatThrownBy(() -> oc.next(Duration.ofMillis(300))).isInstanceOf(NatsTimeoutException.class);
                js.publish(s + ".keep", "late");
                assertThat(oc.next(WAIT).dataAsString()).isEqualTo("late");
                assertThat(oc.resets()).isZero();
            }
        }
    }

    @Test
    void anOrderedConsumerRecreatesItsConsumerAfterItVanishedAndResumesAfterTheLastMessage(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            for (int i = 1; i <= 1000; i++) {
                js.publish(s + ".o", bytes(Integer.toString(i)));
            }
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    seqs.add(oc.next(WAIT).metadata().streamSequence());
                }
                // The consumer disappears under it (as after a server restart with memory state).
                js.management().consumerNames(s).forEach(c -> js.management().deleteConsumer(s, c));
                while (seqs.size() < 1000) {
                    JsMessage m = oc.next(WAIT);
                    assertThat(Long.parseLong(m.dataAsString())).isEqualTo(m.metadata().streamSequence());
                    seqs.add(m.metadata().streamSequence());
                }
                assertThat(seqs).doesNotHaveDuplicates().isSorted().hasSize(1000);
                assertThat(seqs.get(999)).isEqualTo(1000);
                assertThat(oc.resets()).isPositive();
                assertThat(oc.lastStreamSequence()).isEqualTo(1000);
            }
            assertThat(js.management().consumerNames(s)).isEmpty();
        }
    }

    @Test
    void anOrderedConsumerRecoversFromMessagesDroppedInTheClientWithoutLosingAny(NatsServer server) {
        // A subscription may hold only 20 messages: the bursts of an ordered consumer's pulls overflow it,
        // the client drops messages (slow consumer), and the consumer sequence shows a gap.
        try (Connection nc = dev.relay.nats.Nats.connect(dev.relay.nats.Options.builder().servers(server.url())
            .connectTimeout(WAIT).pendingLimits(20, 64L << 20).build())) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            publishMany(js, s + ".g", 2000);
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().build())) {
                List<Long> seqs = new ArrayList<>();
                while (seqs.size() < 2000) {
                    JsMessage m = oc.next(WAIT);
                    seqs.add(m.metadata().streamSequence());
                    assertThat(m.dataAsString()).isEqualTo("m" + (seqs.size() - 1));
                }
                assertThat(seqs).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(1999)).isEqualTo(2000);
                assertThat(oc.resets()).as("gaps seen and repaired").isPositive();
            }
        }
    }

    @Test
    void anOrderedConsumerCanStartAtASequence(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            for (int i = 1; i <= 10; i++) {
                js.publish(s + ".o", bytes("m" + i));
            }
            try (OrderedConsumer oc = js.orderedConsumer(s, ConsumerConfig.builder().startSequence(8).build())) {
                assertThat(oc.next(WAIT).dataAsString()).isEqualTo("m8");
                assertThat(oc.next(WAIT).dataAsString()).isEqualTo("m9");
            }
        }
    }
}
