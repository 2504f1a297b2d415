package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Consumer management against a real nats-server 2.9 with JetStream. */
@NatsTest
@NatsServerOptions(jetStream = true)
class ConsumerManagementIT {

    private static String stream(JetStreamManagement jsm) {
        String name = unique("CM");
        jsm.addStream(StreamConfig.builder(name).subjects(name + ".>").storage(StorageType.MEMORY).build());
        return name;
    }

    @Test
    void durablePullConsumerKeepsEveryConfiguredField(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            ConsumerConfig cfg = ConsumerConfig.builder().durable("pull").description("pulls")
                .deliverPolicy(DeliverPolicy.LAST_PER_SUBJECT).ackPolicy(AckPolicy.EXPLICIT)
                .ackWait(Duration.ofSeconds(20)).maxDeliver(5).filterSubject(s + ".orders")
                .replayPolicy(ReplayPolicy.INSTANT).maxWaiting(64).maxAckPending(50).maxBatch(100)
                .maxExpires(Duration.ofMinutes(1)).maxBytes(1 << 20).sampleFrequency("50%").build();

            ConsumerInfo info = jsm.addOrUpdateConsumer(s, cfg);

            assertThat(info.name()).isEqualTo("pull");
            assertThat(info.stream()).isEqualTo(s);
            // nats-server 2.11+ adds its own metadata keys (ADR-44); every other field reads back as sent
            assertThat(info.config()).usingRecursiveComparison().ignoringFields("metadata")
                .isEqualTo(cfg.toBuilder().name("pull").build());
            assertThat(JsClients.userMetadata(info.config().metadata())).isEqualTo(cfg.metadata());
            assertThat(info.config().metadata()).containsEntry("_nats.ver", server.version());
            assertThat(jsm.consumerInfo(s, "pull").config()).isEqualTo(info.config());
            assertThat(info.config().isPull()).isTrue();
        }
    }

    @Test
    void backoffStartSequenceAndPushFieldsRoundTrip(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            ConsumerConfig cfg = ConsumerConfig.builder().durable("push").deliverSubject("deliver." + s)
                .deliverGroup("workers").startSequence(3).backoff(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .maxDeliver(4).flowControl(true).idleHeartbeat(Duration.ofSeconds(5)).headersOnly(true)
                .rateLimitBitsPerSecond(1_000_000).build();

            ConsumerInfo info = jsm.addOrUpdateConsumer(s, cfg);

            ConsumerConfig stored = info.config();
            assertThat(stored.backoff()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));
            assertThat(stored.ackWait()).isEqualTo(Duration.ofSeconds(1));
            assertThat(stored.startSequence()).isEqualTo(3);
            assertThat(stored.deliverPolicy()).isEqualTo(DeliverPolicy.BY_START_SEQUENCE);
            assertThat(stored.deliverSubject()).isEqualTo("deliver." + s);
            assertThat(stored.deliverGroup()).isEqualTo("workers");
            assertThat(stored.flowControl()).isTrue();
            assertThat(stored.headersOnly()).isTrue();
            assertThat(stored.isPull()).isFalse();
        }
    }

    @Test
    void aDurableWithAWildcardFilterIsCreatedToo(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            ConsumerInfo star = jsm.addOrUpdateConsumer(s, ConsumerConfig.builder().durable("star").filterSubject(s + ".*").build());
            ConsumerInfo gt = jsm.addOrUpdateConsumer(s, ConsumerConfig.builder().durable("gt").filterSubject(s + ".>").build());
            assertThat(star.config().filterSubject()).isEqualTo(s + ".*");
            assertThat(gt.config().filterSubject()).isEqualTo(s + ".>");
        }
    }

    @Test
    void ephemeralConsumersGetAServerName(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            ConsumerInfo info = jsm.addOrUpdateConsumer(s, ConsumerConfig.builder()
                .inactiveThreshold(Duration.ofMinutes(1)).build());
            assertThat(info.name()).isNotEmpty();
            assertThat(info.config().durable()).isEmpty();
            assertThat(info.config().inactiveThreshold()).isEqualTo(Duration.ofMinutes(1));

            ConsumerInfo named = jsm.addOrUpdateConsumer(s, ConsumerConfig.builder().name("eph").build());
            assertThat(named.name()).isEqualTo("eph");
        }
    }

    @Test
    void updateChangesAllowedFieldsAndNeedsAnExistingConsumer(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            ConsumerConfig cfg = ConsumerConfig.builder().durable("upd").maxDeliver(3).build();
            jsm.addOrUpdateConsumer(s, cfg);

            ConsumerInfo updated = jsm.updateConsumer(s, cfg.toBuilder().maxDeliver(7).description("seven").build());
            assertThat(updated.config().maxDeliver()).isEqualTo(7);
            assertThat(updated.config().description()).isEqualTo("seven");

            assertThatThrownBy(() -> jsm.updateConsumer(s, ConsumerConfig.builder().durable("none").build()))
                .isInstanceOf(ConsumerNotFoundException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).apiErrorCode())
                    .isEqualTo(JetStreamApiException.CONSUMER_NOT_FOUND));
        }
    }

    @Test
    void namesListAndDeleteFollowPages(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            List<String> names = IntStream.range(0, 260).mapToObj(i -> "c" + i).toList();
            names.forEach(n -> jsm.addOrUpdateConsumer(s, ConsumerConfig.builder().durable(n).build()));

            assertThat(jsm.consumerNames(s)).containsExactlyInAnyOrderElementsOf(names);
            assertThat(jsm.consumers(s)).hasSize(260).allSatisfy(i -> assertThat(i.stream()).isEqualTo(s));
            assertThat(jsm.streamInfo(s).state().consumerCount()).isEqualTo(260);

            jsm.deleteConsumer(s, "c0");
            assertThat(jsm.consumerNames(s)).hasSize(259).doesNotContain("c0");
            assertThatThrownBy(() -> jsm.deleteConsumer(s, "c0")).isInstanceOf(ConsumerNotFoundException.class);
            assertThatThrownBy(() -> jsm.consumerInfo(s, "c0")).isInstanceOf(ConsumerNotFoundException.class);
        }
    }

    @Test
    void aConsumerOnAMissingStreamIsStreamNotFound(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            assertThatThrownBy(() -> jsm.addOrUpdateConsumer("MISSING", ConsumerConfig.builder().durable("x").build()))
                .isInstanceOf(StreamNotFoundException.class);
            assertThatThrownBy(() -> jsm.consumerNames("MISSING")).isInstanceOf(StreamNotFoundException.class);
        }
    }

    @Test
    void pushOnlySettingsOnAPullConsumerFailBeforeAnythingIsSent(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String s = stream(jsm);
            assertThatThrownBy(() -> jsm.addOrUpdateConsumer(s, ConsumerConfig.builder().durable("p")
                .idleHeartbeat(Duration.ofSeconds(1)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("push");
            assertThat(jsm.consumerNames(s)).isEmpty();
        }
    }

    @Test
    void invalidCombinationsFailBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ConsumerConfig.builder().deliverSubject("d").flowControl(true).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleHeartbeat");
        assertThatThrownBy(() -> ConsumerConfig.builder().deliverPolicy(DeliverPolicy.BY_START_SEQUENCE).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startSequence");
        assertThatThrownBy(() -> ConsumerConfig.builder().backoff(Duration.ofSeconds(1)).maxDeliver(1).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDeliver");
        assertThatThrownBy(() -> ConsumerConfig.builder().name("a").durable("b").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durable");
    }
}
