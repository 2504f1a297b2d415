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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request/reply against a real server: blocking and async, many in flight, responders on other
 * connections, replies with headers, no responders, timeouts, and one shared inbox subscription.
 */
class RequestReplyIT {
    private static final int MONITOR_PORT = FreePorts.loopback();
    private static final Monitoring MONITOR = new Monitoring(MONITOR_PORT);

    /** Registered by hand, not with {@code @NatsTest}: the monitoring port must be in the server's config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
        .jetStream(false)
        .extraConfig("http: 127.0.0.1:" + MONITOR_PORT)
        .build());

    @Test
    void aBlockingRequestGetsTheReplyOfAResponderOnAnotherConnection(NatsServer server) {
        try (Connection responder = Clients.connect(server); Connection requester = Clients.connect(server)) {
            responder.subscribe("svc.echo", m -> m.respond("echo:" + m.dataAsString()));
            responder.flush(WAIT);

            Message reply = requester.request("svc.echo", "hi", WAIT);

            assertThat(reply.dataAsString()).isEqualTo("echo:hi");
            assertThat(reply.hasHeaders()).isFalse();
        }
    }

    @Test
    void aResponderOnTheSameConnectionAnswersToo(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            nc.subscribe("svc.self", m -> m.respond(m.data()));
            assertThat(nc.request("svc.self", "me", WAIT).dataAsString()).isEqualTo("me");
        }
    }

    @Test
    void manyConcurrentAsyncRequestsAreEachMatchedToTheirOwnReply(NatsServer server) throws Exception {
        int n = 200;
        try (Connection responder = Clients.connect(server); Connection requester = Clients.connect(server)) {
            // Two responders on two dispatchers in a queue group, so replies come back interleaved.
            responder.subscribe("svc.many", "echoers", m -> m.respond(m.data()));
            responder.createDispatcher().subscribe("svc.many", "echoers", m -> m.respond(m.data()));
            responder.flush(WAIT);

            List<CompletableFuture<Message>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(requester.requestAsync("svc.many", null, bytes("request-" + i), WAIT));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            for (int i = 0; i < n; i++) {
                assertThat(futures.get(i).get().dataAsString()).isEqualTo("request-" + i);
            }
            assertThat(requester.statistics().requests()).isEqualTo(n);
            assertThat(requester.statistics().replies()).isEqualTo(n);
        }
    }

    @Test
    void requestsFromManyThreadsAtOnceAreAllAnswered(NatsServer server) throws Exception {
        try (Connection responder = Clients.connect(server); Connection requester = Clients.connect(server)) {
            responder.subscribe("svc.threads", m -> m.respond(m.data()));
            responder.flush(WAIT);

            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                callers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 25; i++) {
                        String body = thread + "/" + i;
                        assertThat(requester.request("svc.threads", body, WAIT).dataAsString()).isEqualTo(body);
                    }
                }));
            }
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(requester.statistics().replies()).isEqualTo(200);
        }
    }

    @Test
    void aReplyCarriesTheHeadersGivenToRespond(NatsServer server) {
        try (Connection responder = Clients.connect(server); Connection requester = Clients.connect(server)) {
            responder.subscribe("svc.headers", m -> m.respond(
                Headers.of("Handled-By", "responder", "Echo", m.headers().first("Ask").orElse("?")),
                bytes("ok")));
            responder.flush(WAIT);

            Message reply = requester.request("svc.headers", Headers.of("Ask", "please"), bytes("q"), WAIT);

            assertThat(reply.hasHeaders()).isTrue();
            assertThat(reply.headers().get("Handled-By")).containsExactly("responder");
            assertThat(reply.headers().get("Echo")).containsExactly("please");
            assertThat(reply.status()).isZero();
            assertThat(reply.dataAsString()).isEqualTo("ok");
        }
    }

    @Test
    void aRequestWithNoRespondersFailsAtOnceWithNoRespondersException(NatsServer server) {
        Duration timeout = Duration.ofSeconds(10);
        try (Connection nc = Clients.connect(server)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> nc.request("svc.nobody", "anyone?", timeout))
                .isInstanceOf(NoRespondersException.class)
                .hasMessageContaining("svc.nobody");
            // Loose on purpose: the point is that it did not wait for the 10 s timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.dividedBy(2));

            CompletableFuture<Message> async = nc.requestAsync("svc.nobody", null, bytes("?"), timeout);
            assertThatThrownBy(() -> async.get(timeout.toSeconds() / 2, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NoRespondersException.class);
            assertThat(nc.statistics().replies()).as("a 503 is not a reply").isZero();
        }
    }

    @Test
    void aResponderThatNeverAnswersMakesTheRequestTimeOut(NatsServer server) {
        try (Connection silent = Clients.connect(server); Connection requester = Clients.connect(server)) {
            Subscription listening = silent.subscribe("svc.silent"); // receives, never answers
            silent.flush(WAIT);

            assertThatThrownBy(() -> requester.request("svc.silent", "hello?", Duration.ofMillis(300)))
                .isInstanceOf(NatsTimeoutException.class)
                .hasMessageContaining("svc.silent");
            CompletableFuture<Message> async =
                requester.requestAsync("svc.silent", null, bytes("hello?"), Duration.ofMillis(300));
            assertThatThrownBy(() -> async.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NatsTimeoutException.class);

            assertThat(listening.nextMessage(WAIT).replyTo()).isPresent();
            // A late answer to a timed-out request is dropped; the next request still works.
            silent.subscribe("svc.late", m -> m.respond("late"));
            silent.flush(WAIT);
            assertThat(requester.request("svc.late", "x", WAIT).dataAsString()).isEqualTo("late");
        }
    }

    @Test
    void requestsShareOneInboxSubscriptionAtTheServer(NatsServer server) {
        String name = "requester-" + Nats.newInbox();
        try (Connection responder = Clients.connect(server);
             Connection requester = Nats.connect(Clients.options(server).name(name).build())) {
            responder.subscribe("svc.inbox", m -> m.respond(m.data()));
            responder.flush(WAIT);

            for (int i = 0; i < 50; i++) {
                assertThat(requester.request("svc.inbox", "r" + i, WAIT).dataAsString()).isEqualTo("r" + i);
            }
            requester.flush(WAIT);

            List<String> subs = MONITOR.subscriptionsOf(name);
            assertThat(subs).hasSize(1);
            assertThat(subs.get(0)).startsWith(requester.options().inboxPrefix() + ".").endsWith(".*");
            assertThat(requester.statistics().requests()).isEqualTo(50);
            assertThat(requester.statistics().replies()).isEqualTo(50);
        }
    }

    @Test
    void aCustomInboxPrefixIsUsedForReplies(NatsServer server) {
        try (Connection responder = Clients.connect(server);
             Connection requester = Nats.connect(Clients.options(server).inboxPrefix("_MY.inbox").build())) {
            List<String> replySubjects = new CopyOnWriteArrayList<>();
            responder.subscribe("svc.prefix", m -> {
                replySubjects.add(m.replyTo().orElseThrow());
                m.respond("ok");
            });
            responder.flush(WAIT);

            assertThat(requester.request("svc.prefix", "x", WAIT).dataAsString()).isEqualTo("ok");
            await().atMost(WAIT).until(() -> replySubjects.size() == 1);
            assertThat(replySubjects.get(0)).startsWith("_MY.inbox.");
            assertThat(requester.newInbox()).startsWith("_MY.inbox.");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
