package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.NoRespondersException;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Acknowledged publishing against a real nats-server 2.9: acks, deduplication, expectations, async. */
@NatsTest
@NatsServerOptions(jetStream = true)
class PublishIT {

    private static String stream(JetStream js) {
        String name = unique("P");
        js.management().addStream(StreamConfig.builder(name).subjects(name + ".>").storage(StorageType.MEMORY)
            .duplicateWindow(Duration.ofMinutes(1)).build());
        return name;
    }

    @Test
    void publishReturnsTheStreamAndSequenceAndKeepsHeaders(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            PublishAck first = js.publish(s + ".a", "one");
            Headers h = Headers.of("Trace", "t1");
            PublishAck second = js.publish(s + ".a", h, bytes("two"), PublishOptions.messageId("m2"));

            assertThat(first).isEqualTo(new PublishAck(s, 1, false, ""));
            assertThat(second.sequence()).isEqualTo(2);
            assertThat(h.keys()).containsExactly("Trace");
            StoredMessage stored = js.management().getMessage(s, 2);
            assertThat(stored.headers().first("Trace")).contains("t1");
            assertThat(stored.headers().first("Nats-Msg-Id")).contains("m2");
        }
    }

    @Test
    void aRepeatedMessageIdWithinTheWindowIsADuplicateAndNotStoredAgain(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            PublishAck a = js.publish(s + ".o", bytes("order 7"), PublishOptions.messageId("order-7"));
            PublishAck b = js.publish(s + ".o", bytes("order 7 again"), PublishOptions.messageId("order-7"));
            PublishAck c = js.publish(s + ".o", bytes("order 8"), PublishOptions.messageId("order-8"));

            assertThat(a.duplicate()).isFalse();
            assertThat(b.duplicate()).isTrue();
            assertThat(b.sequence()).isEqualTo(a.sequence());
            assertThat(c.sequence()).isEqualTo(a.sequence() + 1);
            assertThat(js.management().streamInfo(s).state().messages()).isEqualTo(2);
        }
    }

    @Test
    void expectationsThatDoNotHoldFailWithTypedErrors(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.publish(s + ".a", bytes("1"), PublishOptions.messageId("id-1"));
            js.publish(s + ".b", bytes("2"));

            assertThatThrownBy(() -> js.publish(s + ".a", bytes("x"),
                PublishOptions.builder().expectedLastSequence(1).build()))
                .isInstanceOf(WrongLastSequenceException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).apiErrorCode()).isEqualTo(10071));
            assertThatThrownBy(() -> js.publish(s + ".a", bytes("x"),
                PublishOptions.builder().expectedLastSubjectSequence(2).build()))
                .isInstanceOf(WrongLastSequenceException.class);
            assertThatThrownBy(() -> js.publish(s + ".a", bytes("x"),
                PublishOptions.builder().expectedLastMessageId("id-0").build()))
                .isInstanceOf(WrongLastMessageIdException.class);
            assertThatThrownBy(() -> js.publish(s + ".a", bytes("x"),
                PublishOptions.builder().expectedStream("OTHER").build()))
                .isInstanceOf(JetStreamApiException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).apiErrorCode()).isEqualTo(10060));

            assertThat(js.publish(s + ".a", bytes("ok"), PublishOptions.builder().expectedStream(s)
                .expectedLastSequence(2).expectedLastSubjectSequence(1).build()).sequence()).isEqualTo(3);
            assertThat(js.publish(s + ".c", bytes("first on c"),
                PublishOptions.builder().expectedLastSubjectSequence(0).build()).sequence()).isEqualTo(4);
            assertThat(js.management().streamInfo(s).state().messages()).isEqualTo(4);
        }
    }

    @Test
    void publishingWhereNoStreamListensFailsAtOnceWithNoResponders(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofMinutes(5)).build());
            // With a 5 minute timeout, getting NoResponders (not a timeout) shows the 503 status was used.
            assertThatThrownBy(() -> js.publish("no.stream.here", bytes("x"))).isInstanceOf(NoRespondersException.class);
            assertThatThrownBy(() -> js.publishAsync("no.stream.here", bytes("x")).get(1, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoRespondersException.class);
        }
    }

    @Test
    void hundredThousandAsyncPublishesAreAllAcknowledgedWithBoundedPending(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().maxPendingPublishes(1000).build());
            String s = stream(js);
            int count = 100_000;
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>(count);
            int maxPending = 0;
            for (int i = 0; i < count; i++) {
                acks.add(js.publishAsync(s + ".bulk", null, bytes("m" + i), PublishOptions.NONE));
                maxPending = Math.max(maxPending, js.pendingPublishes());
            }
            js.waitForPendingPublishes(Duration.ofMinutes(2));

            assertThat(maxPending).isLessThanOrEqualTo(1000);
            assertThat(js.pendingPublishes()).isZero();
            Set<Long> sequences = new HashSet<>();
            for (CompletableFuture<PublishAck> f : acks) {
                PublishAck ack = f.get(0, TimeUnit.SECONDS);
                assertThat(ack.stream()).isEqualTo(s);
                sequences.add(ack.sequence());
            }
            assertThat(sequences).hasSize(count);
            assertThat(js.management().streamInfo(s).state().messages()).isEqualTo(count);
        }
    }

    @Test
    void asyncPublishFailuresArriveThroughTheFuture(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String s = stream(js);
            js.publish(s + ".a", bytes("1"));
            CompletableFuture<PublishAck> wrong = js.publishAsync(s + ".a", null, bytes("2"),
                PublishOptions.builder().expectedLastSequence(7).build());
            assertThatThrownBy(() -> wrong.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(WrongLastSequenceException.class);
            js.waitForPendingPublishes(WAIT);
            assertThat(js.pendingPublishes()).isZero();
        }
    }
}
