package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsException;
import dev.relay.nats.Subscription;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How a continuous pull consume recovers, against a real nats-server 2.9: from a hard reconnect, from a
 * refused request while older ones are still open, and (not at all) from its consumer being deleted.
 * A fresh server per test, since one of them kills it.
 */
@NatsTest
@NatsServerOptions(jetStream = true, perMethod = true)
class ConsumeRecoveryIT {

    private static JetStream jetStream(Connection nc) {
        return JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
    }

    @Test
    void consumeAsksAgainAtOnceAfterAHardReconnectInsteadOfWaitingForTheHeartbeatToBeMissed(NatsServer server) {
        try (Connection nc = JsClients.connectResilient(server)) {
            JetStream js = jetStream(nc);
            js.management().addStream(StreamConfig.builder("HR").subjects("HR.>").storage(StorageType.FILE).build());
            js.management().addOrUpdateConsumer("HR", ConsumerConfig.builder().durable("c").build());
            Set<String> got = ConcurrentHashMap.newKeySet();
            List<NatsException> errors = new CopyOnWriteArrayList<>();
            // A 5 s heartbeat: the missed-heartbeat check alone would notice the lost request only after 10 s.
            try (PullConsumer c = js.pullConsumer("HR", "c");
                 ConsumeContext ctx = c.consume(m -> {
                     got.add(m.dataAsString());
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(10).withExpires(Duration.ofSeconds(30), Duration.ofSeconds(5))
                     .withErrorHandler(errors::add))) {
                js.publish("HR.m", bytes("before"));
                await().atMost(WAIT).until(() -> got.contains("before"));

                server.kill();
                server.restart();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(NatsException.class)
                    .until(() -> js.publish("HR.m", bytes("after"), PublishOptions.messageId("after")).sequence() > 0);

                await().atMost(Duration.ofSeconds(30)).until(() -> got.contains("after"));
                assertThat(errors).as("the message came through a request sent on reconnect, not after a missed heartbeat")
                    .isEmpty();
                assertThat(ctx.isActive()).isTrue();
            }
        }
    }

    /**
     * Observed through nats-server 2.9's refusal of a second open request past max_waiting ("409 Exceeded
     * MaxWaiting"); later servers instead end the oldest request with a 408, so there is nothing to count.
     */
    @Test
    @NatsServerOptions(jetStream = true, version = "2.9")
    void aRefusedRequestDoesNotMakeTheConsumeAskAgainForWhatItsOpenRequestStillOwes(NatsServer server) {
        try (Connection nc = JsClients.connect(server); Connection observer = JsClients.connect(server)) {
            JetStream js = jetStream(nc);
            js.management().addStream(StreamConfig.builder("MW").subjects("MW.>").storage(StorageType.MEMORY).build());
            // One open request at a time: the consume's top-up request at half the batch is refused.
            js.management().addOrUpdateConsumer("MW", ConsumerConfig.builder().durable("c").maxWaiting(1).build());
            List<String> timeline = new CopyOnWriteArrayList<>();
            try (Subscription all = observer.subscribe(">", m -> {
                if (m.subject().equals("$JS.API.CONSUMER.MSG.NEXT.MW.c")) {
                    timeline.add("request " + m.replyTo().orElse(""));
                } else if (m.status() == 408 || m.status() == 409) {
                    timeline.add(m.status() + " " + m.subject() + " " + m.headers().description());
                }
            })) {
                observer.flush(WAIT);
                List<NatsException> errors = new CopyOnWriteArrayList<>();
                Set<String> got = ConcurrentHashMap.newKeySet();
                try (PullConsumer c = js.pullConsumer("MW", "c");
                     ConsumeContext ctx = c.consume(m -> {
                         got.add(m.dataAsString());
                         m.ack();
                     }, ConsumeOptions.DEFAULTS.withBatch(10).withExpires(Duration.ofSeconds(5), Duration.ofSeconds(1))
                         .withErrorHandler(errors::add))) {
                    await().atMost(WAIT).until(() -> !timeline.isEmpty());
                    for (int i = 0; i < 6; i++) {
                        js.publish("MW.m", bytes("m" + i));
                    }
                    await().atMost(WAIT).until(() -> got.size() == 6);
                    // The first request (batch 10, 4 still owed) ends with its 408; then a new one may go out.
                    String first = timeline.get(0).substring("request ".length());
                    await().atMost(Duration.ofSeconds(30)).until(() -> requestAfter(timeline, "408 " + first));

                    assertThat(timeline.stream().filter(e -> e.contains("Exceeded MaxWaiting")))
                        .as("refusals in %s", timeline).hasSize(1);
                    assertThat(errors).singleElement().extracting(Throwable::getMessage).asString()
                        .contains("Exceeded MaxWaiting");
                    assertThat(ctx.isActive()).isTrue();
                }
            }
        }
    }

    /** Whether the timeline has a request after the first event starting with {@code prefix}. */
    private static boolean requestAfter(List<String> timeline, String prefix) {
        List<String> t = List.copyOf(timeline);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).startsWith(prefix)) {
                return t.subList(i + 1, t.size()).stream().anyMatch(e -> e.startsWith("request "));
            }
        }
        return false;
    }

    @Test
    void consumeReportsADeletedConsumerOnceAndEnds(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = jetStream(nc);
            js.management().addStream(StreamConfig.builder("DEL").subjects("DEL.>").storage(StorageType.MEMORY).build());
            js.management().addOrUpdateConsumer("DEL", ConsumerConfig.builder().durable("c").build());
            List<NatsException> errors = new CopyOnWriteArrayList<>();
            Set<String> got = ConcurrentHashMap.newKeySet();
            try (PullConsumer c = js.pullConsumer("DEL", "c");
                 ConsumeContext ctx = c.consume(m -> {
                     got.add(m.dataAsString());
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(10).withExpires(Duration.ofSeconds(5), Duration.ofSeconds(1))
                     .withErrorHandler(errors::add))) {
                js.publish("DEL.m", bytes("one"));
                await().atMost(WAIT).until(() -> got.contains("one"));

                js.management().deleteConsumer("DEL", "c");

                await().atMost(Duration.ofSeconds(30)).until(() -> !ctx.isActive());
                assertThat(errors).singleElement().isInstanceOf(ConsumerNotFoundException.class);
            }
        }
    }
}
