package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Push subscriptions by subject that find their stream themselves, against the real server. */
@NatsTest
@NatsServerOptions(jetStream = true)
class SubscribeBySubjectIT {

    private static String stream(JetStream js, String... subjects) {
        String s = unique("SBS");
        js.management().addStream(StreamConfig.builder(s)
            .subjects(subjects.length == 0 ? new String[] {s + ".>"} : subjects).storage(StorageType.MEMORY).build());
        return s;
    }

    @Test
    void aSubscriptionBySubjectFindsTheStreamAndDeliversOnlyThatSubjectInOrder(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            for (int i = 0; i < 3; i++) {
                js.publish(s + ".a", "a" + i);
                js.publish(s + ".b", "b" + i);
            }
            List<String> got = new CopyOnWriteArrayList<>();
            try (PushSubscription sub = js.subscribe(s + ".a", m -> {
                got.add(m.dataAsString());
                m.ack();
            })) {
                await().atMost(WAIT).until(() -> got.size() == 3);
                assertThat(got).containsExactly("a0", "a1", "a2");
                assertThat(sub.stream()).isEqualTo(s);
                ConsumerInfo info = sub.info();
                assertThat(info.config().filterSubject()).isEqualTo(s + ".a");
                assertThat(info.config().durable()).isEmpty();
                js.publish(s + ".a", "late");
                await().atMost(WAIT).until(() -> got.size() == 4);
                assertThat(got.get(3)).isEqualTo("late");
            }
            assertThat(js.management().consumerNames(s)).as("the ephemeral consumer is deleted on close").isEmpty();
        }
    }

    @Test
    void aWildcardSubjectInsideOneStreamFiltersOnTheWildcard(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.publish(s + ".orders.new", "n");
            js.publish(s + ".other", "o");
            js.publish(s + ".orders.paid", "p");
            List<String> got = new CopyOnWriteArrayList<>();
            try (PushSubscription sub = js.subscribe(s + ".orders.*", m -> got.add(m.subject()))) {
                await().atMost(WAIT).until(() -> got.size() == 2);
                assertThat(got).containsExactly(s + ".orders.new", s + ".orders.paid");
                assertThat(sub.info().config().filterSubject()).isEqualTo(s + ".orders.*");
            }
        }
    }

    @Test
    void aSubjectNoStreamStoresFailsWithNoMatchingStream(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String nowhere = unique("NOWHERE") + ".x";
            assertThatThrownBy(() -> js.subscribe(nowhere, m -> { }))
                .isInstanceOf(NoMatchingStreamException.class)
                .isInstanceOf(StreamNotFoundException.class)
                .hasMessageContaining(nowhere)
                .satisfies(e -> assertThat(((NoMatchingStreamException) e).subject()).isEqualTo(nowhere));
        }
    }

    @Test
    void aWildcardThatSpansTwoStreamsFailsNamingBoth(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String root = unique("SPAN");
            String a = stream(js, root + ".a.>");
            String b = stream(js, root + ".b.>");
            assertThatThrownBy(() -> js.subscribe(root + ".>", m -> { }))
                .isInstanceOfSatisfying(ManyMatchingStreamsException.class, e -> {
                    assertThat(e.subject()).isEqualTo(root + ".>");
                    assertThat(e.streams()).containsExactlyInAnyOrder(a, b);
                });
            assertThat(js.management().consumerNames(a)).isEmpty();
            // Naming the stream skips the lookup.
            List<String> got = new CopyOnWriteArrayList<>();
            js.publish(root + ".a.1", "one");
            try (PushSubscription sub = js.subscribe(root + ".>", PushSubscribeOptions.stream(a), m -> got.add(m.dataAsString()))) {
                await().atMost(WAIT).until(() -> got.size() == 1);
                assertThat(sub.stream()).isEqualTo(a);
            }
        }
    }

    @Test
    void aNamedStreamThatDoesNotExistFailsWithStreamNotFound(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            assertThatThrownBy(() -> js.subscribe(s + ".x", PushSubscribeOptions.stream(unique("MISSING")), m -> { }))
                .isInstanceOf(StreamNotFoundException.class)
                .isNotInstanceOf(NoMatchingStreamException.class);
        }
    }

    @Test
    void aDurableSubscriptionBySubjectSurvivesCloseAndResumesWhereItLeftOff(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.publish(s + ".d", "1");
            js.publish(s + ".d", "2");
            List<String> got = new CopyOnWriteArrayList<>();
            PushSubscribeOptions durable = PushSubscribeOptions.durable("audit");
            try (PushSubscription sub = js.subscribe(s + ".d", durable, m -> {
                got.add(m.dataAsString());
                m.ackSync(WAIT);
            })) {
                await().atMost(WAIT).until(() -> got.size() == 2);
                assertThat(sub.consumer()).isEqualTo("audit");
                assertThatThrownBy(() -> js.subscribe(s + ".d", durable, m -> { }))
                    .as("a second subscriber without a deliver group")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already bound");
            }
            assertThat(js.management().consumerNames(s)).containsExactly("audit");
            await().atMost(WAIT).until(() -> !js.management().consumerInfo(s, "audit").pushBound());
            js.publish(s + ".d", "3");
            try (PushSubscription again = js.subscribe(s + ".d", durable, m -> got.add(m.dataAsString()))) {
                await().atMost(WAIT).until(() -> got.size() == 3);
                assertThat(got).containsExactly("1", "2", "3");
                assertThat(again.consumer()).isEqualTo("audit");
            }
        }
    }

    @Test
    void aDurableOfThatNameFilteringAnotherSubjectIsRefused(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.management().addOrUpdateConsumer(s, ConsumerConfig.builder().durable("other")
                .deliverSubject(nc.newInbox()).filterSubject(s + ".x").build());
            js.management().addOrUpdateConsumer(s, ConsumerConfig.builder().durable("puller").filterSubject(s + ".y").build());
            assertThatThrownBy(() -> js.subscribe(s + ".y", PushSubscribeOptions.durable("other"), m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(s + ".x");
            assertThatThrownBy(() -> js.subscribe(s + ".y", PushSubscribeOptions.durable("puller"), m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pull consumer");
            assertThatThrownBy(() -> js.subscribe(s + ".y", PushSubscribeOptions.DEFAULTS.withConfig(
                    ConsumerConfig.builder().filterSubject(s + ".z").build()), m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filters on");
        }
    }

    @Test
    void theConfigTemplateCarriesFlowControlHeartbeatsAndTheDeliverPolicy(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.publish(s + ".t", "old");
            List<String> got = new CopyOnWriteArrayList<>();
            ConsumerConfig template = ConsumerConfig.builder().deliverPolicy(DeliverPolicy.NEW)
                .ackPolicy(AckPolicy.NONE).flowControl(true).idleHeartbeat(Duration.ofMillis(200)).build();
            try (PushSubscription sub = js.subscribe(s + ".t", PushSubscribeOptions.DEFAULTS.withConfig(template),
                m -> got.add(m.dataAsString()))) {
                js.publish(s + ".t", "new");
                await().atMost(WAIT).until(() -> got.size() == 1 && sub.heartbeats() > 0);
                assertThat(got).containsExactly("new");
                assertThat(sub.info().config().ackPolicy()).isEqualTo(AckPolicy.NONE);
            }
        }
    }
}
