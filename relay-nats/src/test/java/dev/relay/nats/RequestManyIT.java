package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request-many against a real server: each end condition (count, total wait, stall, sentinel, no
 * responders, cancel), the callback form, and that the inbox subscription is gone from the server
 * after every kind of end.
 */
class RequestManyIT {
    private static final int MONITOR_PORT = FreePorts.loopback();
    private static final Monitoring MONITOR = new Monitoring(MONITOR_PORT);
    private static final String REQUESTER = "request-many-requester";

    /** Registered by hand: the monitoring port must be in the server's config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
        .jetStream(false)
        .extraConfig("http: 127.0.0.1:" + MONITOR_PORT)
        .build());

    private static Connection requester(NatsServer server) {
        return Nats.connect(Clients.options(server).name(REQUESTER).build());
    }

    /** Three responders on their own connection, each answering with its name and the request. */
    private static Connection responders(NatsServer server, String subject, int n) {
        Connection nc = Clients.connect(server);
        for (int i = 0; i < n; i++) {
            String name = "r" + i;
            nc.createDispatcher().subscribe(subject, m -> m.respond(name + ":" + m.dataAsString()));
        }
        nc.flush(WAIT);
        return nc;
    }

    @Test
    void endsAfterTheMaximumCountOfReplies(NatsServer server) {
        try (Connection r = responders(server, "rm.count", 3); Connection nc = requester(server)) {
            RequestManyOptions options = RequestManyOptions.builder().maxMessages(2).totalWait(WAIT).build();
            try (Replies replies = nc.requestMany("rm.count", "hi", options)) {
                List<Message> all = replies.toList();

                assertThat(all).hasSize(2).allSatisfy(m -> assertThat(m.dataAsString()).matches("r[0-2]:hi"));
                assertThat(replies.end()).contains(RequestManyEnd.MAX_MESSAGES);
                assertThat(replies.noResponders()).isFalse();
            }
            awaitNoInboxSubscription();
        }
    }

    @Test
    void gathersEveryReplyUntilTheTotalWaitRunsOut(NatsServer server) {
        try (Connection r = responders(server, "rm.total", 3); Connection nc = requester(server)) {
            try (Replies replies = nc.requestMany("rm.total", "all", RequestManyOptions.maxWait(Duration.ofMillis(700)))) {
                List<String> bodies = replies.stream().map(Message::dataAsString).toList();

                assertThat(bodies).containsExactlyInAnyOrder("r0:all", "r1:all", "r2:all");
                assertThat(replies.end()).contains(RequestManyEnd.TOTAL_WAIT);
            }
            awaitNoInboxSubscription();
        }
    }

    @Test
    void endsWhenTheRepliesStall(NatsServer server) {
        try (Connection r = responders(server, "rm.stall", 2); Connection nc = requester(server)) {
            // a third listener that never answers: without the stall timer the request would run the full wait
            r.subscribe("rm.stall", m -> { });
            r.flush(WAIT);
            RequestManyOptions options = RequestManyOptions.builder()
                .totalWait(Duration.ofMinutes(5)).stallWait(Duration.ofMillis(300)).build();
            try (Replies replies = nc.requestMany("rm.stall", "x", options)) {
                assertThat(replies.toList()).hasSize(2);
                assertThat(replies.end()).contains(RequestManyEnd.STALL);
            }
            awaitNoInboxSubscription();
        }
    }

    @Test
    void endsAtTheSentinelWithoutHandingItOut(NatsServer server) {
        try (Connection r = Clients.connect(server); Connection nc = requester(server)) {
            r.subscribe("rm.chunks", m -> {
                String to = m.replyTo().orElseThrow();
                for (int i = 0; i < 3; i++) {
                    r.publish(to, "chunk-" + i);
                }
                r.publish(to, new byte[0]);
                r.publish(to, "after the sentinel");
            });
            r.flush(WAIT);
            try (Replies replies = nc.requestMany("rm.chunks", "", RequestManyOptions.untilSentinel(Duration.ofMinutes(5)))) {
                assertThat(replies.stream().map(Message::dataAsString)).containsExactly("chunk-0", "chunk-1", "chunk-2");
                assertThat(replies.end()).contains(RequestManyEnd.SENTINEL);
            }
            awaitNoInboxSubscription();
        }
    }

    @Test
    void anEmptyReplyIsAnOrdinaryReplyWithoutTheSentinel(NatsServer server) {
        try (Connection r = Clients.connect(server); Connection nc = requester(server)) {
            r.subscribe("rm.empty", m -> m.respond(new byte[0]));
            r.flush(WAIT);
            RequestManyOptions options = RequestManyOptions.builder().maxMessages(1).totalWait(WAIT).build();
            try (Replies replies = nc.requestMany("rm.empty", "", options)) {
                assertThat(replies.toList()).singleElement().satisfies(m -> assertThat(m.data()).isEmpty());
                assertThat(replies.end()).contains(RequestManyEnd.MAX_MESSAGES);
            }
        }
    }

    @Test
    void noRespondersEndsAtOnceWithNoRepliesAndAFlag(NatsServer server) {
        try (Connection nc = requester(server)) {
            try (Replies replies = nc.requestMany("rm.nobody", "anyone?", RequestManyOptions.maxWait(Duration.ofMinutes(5)))) {
                assertThat(replies.toList()).isEmpty();
                assertThat(replies.noResponders()).isTrue();
                assertThat(replies.end()).contains(RequestManyEnd.NO_RESPONDERS);
                assertThat(replies.statusMessage()).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(503));
            }
            awaitNoInboxSubscription();
        }
    }

    @Test
    void headersReachTheResponders(NatsServer server) {
        try (Connection r = Clients.connect(server); Connection nc = requester(server)) {
            r.subscribe("rm.headers", m -> m.respond(m.headers().first("Trace-Id").orElse("none")));
            r.flush(WAIT);
            RequestManyOptions options = RequestManyOptions.builder().maxMessages(1).totalWait(WAIT).build();
            try (Replies replies = nc.requestMany("rm.headers", Headers.of("Trace-Id", "t-7"), new byte[0], options)) {
                assertThat(replies.toList()).singleElement().satisfies(m -> assertThat(m.dataAsString()).isEqualTo("t-7"));
            }
        }
    }

    @Test
    void aReaderThatDoesNotKeepUpEndsTheRequestInsteadOfFillingTheHeap(NatsServer server) {
        try (Connection r = responders(server, "rm.flood", 5); Connection nc = requester(server)) {
            RequestManyOptions options = RequestManyOptions.builder().totalWait(WAIT).maxPending(2).build();
            try (Replies replies = nc.requestMany("rm.flood", "x", options)) {
                // nobody reads until the third reply has found the queue full
                await().atMost(WAIT).until(() -> replies.end().isPresent());
                assertThat(replies.end()).contains(RequestManyEnd.OVERFLOW);
                assertThat(replies.toList()).as("what was queued can still be read").hasSize(2);
            }
            awaitNoInboxSubscription();
        }
        assertThatThrownBy(() -> RequestManyOptions.builder().maxPending(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPending");
    }

    @Test
    void closingStopsAtOnceAndRemovesTheInbox(NatsServer server) {
        try (Connection r = responders(server, "rm.cancel", 2); Connection nc = requester(server)) {
            Replies replies = nc.requestMany("rm.cancel", "x", RequestManyOptions.maxWait(Duration.ofMinutes(5)));
            assertThat(replies.iterator().next().dataAsString()).startsWith("r");

            replies.close();

            assertThat(replies.end()).contains(RequestManyEnd.CANCELLED);
            assertThat(replies.iterator().hasNext()).isFalse();
            awaitNoInboxSubscription();
        }
    }

    @Test
    void anAbandonedRequestReleasesItsInboxWhenTheTotalWaitRunsOut(NatsServer server) {
        try (Connection r = responders(server, "rm.abandoned", 1); Connection nc = requester(server)) {
            Replies replies = nc.requestMany("rm.abandoned", "x", RequestManyOptions.maxWait(Duration.ofMillis(300)));

            await().atMost(WAIT).until(() -> replies.end().isPresent());
            assertThat(replies.end()).contains(RequestManyEnd.TOTAL_WAIT);
            awaitNoInboxSubscription();
            // what arrived in time can still be read
            assertThat(replies.toList()).extracting(Message::dataAsString).containsExactly("r0:x");
        }
    }

    @Test
    void aClosedConnectionEndsTheRequestAsClosed(NatsServer server) {
        try (Connection r = Clients.connect(server); Connection nc = Clients.connect(server)) {
            r.subscribe("rm.silent", m -> { });
            r.flush(WAIT);
            Replies replies = nc.requestMany("rm.silent", "x", RequestManyOptions.maxWait(Duration.ofMillis(300)));

            nc.close();

            assertThat(replies.toList()).isEmpty();
            assertThat(replies.end()).contains(RequestManyEnd.CLOSED);
        }
    }

    @Test
    void theCallbackFormHandsOverEachReplyAndCompletesWithTheEnd(NatsServer server) throws Exception {
        try (Connection r = responders(server, "rm.callback", 3); Connection nc = requester(server)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            RequestManyOptions options = RequestManyOptions.builder().maxMessages(3).totalWait(WAIT).build();
            CompletableFuture<RequestManyEnd> end = nc.requestMany("rm.callback", null, bytes("cb"), options, m -> {
                seen.add(Thread.currentThread().getName() + "|" + m.dataAsString());
                return true;
            });

            assertThat(end.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(RequestManyEnd.MAX_MESSAGES);
            assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("relay-nats-dispatch").endsWith(":cb"));
            awaitNoInboxSubscription();
        }
    }

    @Test
    void aHandlerThatReturnsFalseOrThrowsCancels(NatsServer server) throws Exception {
        try (Connection r = responders(server, "rm.stop", 3); Connection nc = requester(server)) {
            List<Message> seen = new CopyOnWriteArrayList<>();
            RequestManyOptions options = RequestManyOptions.maxWait(Duration.ofMinutes(5));
            CompletableFuture<RequestManyEnd> stopped = nc.requestMany("rm.stop", null, bytes("a"), options,
                m -> seen.add(m) && seen.size() < 2);
            CompletableFuture<RequestManyEnd> threw = nc.requestMany("rm.stop", null, bytes("b"), options, m -> {
                throw new IllegalStateException("handler bug");
            });

            assertThat(stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(RequestManyEnd.CANCELLED);
            assertThat(seen).hasSize(2);
            assertThat(threw.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(RequestManyEnd.CANCELLED);
            awaitNoInboxSubscription();
        }
    }

    @Test
    void theCallbackFormReportsNoResponders(NatsServer server) throws Exception {
        try (Connection nc = requester(server)) {
            CompletableFuture<RequestManyEnd> end = nc.requestMany("rm.nobody.cb", null, new byte[0],
                RequestManyOptions.maxWait(Duration.ofMinutes(5)), m -> true);
            assertThat(end.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(RequestManyEnd.NO_RESPONDERS);
            awaitNoInboxSubscription();
        }
    }

    @Test
    void badInputFailsBeforeAnythingIsSentAndLeavesNothingSubscribed(NatsServer server) {
        try (Connection nc = requester(server)) {
            RequestManyOptions options = RequestManyOptions.maxWait(WAIT);
            assertThatThrownBy(() -> nc.requestMany("rm.*", "x", options)).isInstanceOf(InvalidSubjectException.class);
            assertThatThrownBy(() -> nc.requestMany("rm.ok", null, (byte[]) null, options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
            assertThatThrownBy(() -> nc.requestMany("rm.ok", "x", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
            nc.flush(WAIT);
            awaitNoInboxSubscription();
        }
    }

    @Test
    void manyRequestsInARowLeaveTheSubscriptionCountAtItsBaseline(NatsServer server) {
        try (Connection r = responders(server, "rm.loop", 2); Connection nc = requester(server)) {
            RequestManyOptions options = RequestManyOptions.builder().maxMessages(2).totalWait(WAIT).build();
            for (int i = 0; i < 50; i++) {
                try (Replies replies = nc.requestMany("rm.loop", "n" + i, options)) {
                    assertThat(replies.toList()).hasSize(2);
                }
            }
            awaitNoInboxSubscription();
        }
    }

    /** The requester holds only the connection's shared request inbox, if that, on the server. */
    private static void awaitNoInboxSubscription() {
        await().atMost(WAIT).untilAsserted(() ->
            assertThat(MONITOR.subscriptionsOf(REQUESTER)).isEmpty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
