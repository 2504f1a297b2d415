package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Connection statistics after a known exchange with a real server: messages, bytes, requests and replies. */
@NatsTest
@NatsServerOptions(jetStream = false)
class StatisticsIT {

    @Test
    void messageAndByteCountersMatchAKnownExchange(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("stats.>");
            sub.flush(WAIT);
            assertThat(pub.statistics().outMessages()).isZero();

            for (int i = 0; i < 5; i++) {
                pub.publish("stats.plain", "0123456789"); // 10 bytes each
            }
            Headers headers = Headers.of("K", "v");
            int headerBytes = "NATS/1.0\r\nK: v\r\n\r\n".length();
            pub.publish("stats.headers", headers, "abc".getBytes(StandardCharsets.UTF_8));
            pub.publish("stats.empty", new byte[0]);
            pub.flush(WAIT);
            sub.flush(WAIT);

            long expectedBytes = 5 * 10 + headerBytes + 3;
            Statistics out = pub.statistics();
            assertThat(out.outMessages()).isEqualTo(7);
            assertThat(out.outBytes()).isEqualTo(expectedBytes);
            assertThat(out.inMessages()).isZero();
            assertThat(out.flushes()).isPositive();
            await().atMost(WAIT).until(() -> sub.statistics().inMessages() == 7);
            Statistics in = sub.statistics();
            assertThat(in.inBytes()).isEqualTo(expectedBytes);
            assertThat(in.outMessages()).isZero();
            assertThat(in.droppedMessages()).isZero();
            assertThat(in.errors()).isZero();
            assertThat(in.reconnects()).isZero();
            assertThat(s.receivedMessages()).isEqualTo(7);
        }
    }

    @Test
    void requestAndReplyCountersMatchAKnownExchange(NatsServer server) {
        try (Connection responder = Clients.connect(server); Connection requester = Clients.connect(server)) {
            responder.subscribe("stats.svc", m -> m.respond("pong!")); // 5 bytes
            responder.flush(WAIT);

            for (int i = 0; i < 3; i++) {
                assertThat(requester.request("stats.svc", "ping", WAIT).dataAsString()).isEqualTo("pong!");
            }

            Statistics req = requester.statistics();
            assertThat(req.requests()).isEqualTo(3);
            assertThat(req.replies()).isEqualTo(3);
            assertThat(req.outMessages()).isEqualTo(3);
            assertThat(req.outBytes()).isEqualTo(3 * 4);
            await().atMost(WAIT).until(() -> requester.statistics().inMessages() == 3);
            assertThat(requester.statistics().inBytes()).isEqualTo(3 * 5);
            await().atMost(WAIT).until(() -> responder.statistics().inMessages() == 3);
            Statistics resp = responder.statistics();
            assertThat(resp.outMessages()).isEqualTo(3);
            assertThat(resp.outBytes()).isEqualTo(3 * 5);
            assertThat(resp.inBytes()).isEqualTo(3 * 4);
            assertThat(resp.requests()).isZero();
            assertThat(resp.replies()).isZero();
        }
    }

    @Test
    void pingsPongsAndLateRepliesAreCountedAndResetStartsFromZero(NatsServer server) throws Exception {
        try (Connection nc = Clients.connect(server); Connection responder = Clients.connect(server)) {
            java.util.concurrent.CountDownLatch late = new java.util.concurrent.CountDownLatch(1);
            responder.subscribe("stats.slow", m -> {
                try {
                    late.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                m.respond("too late");
            });
            responder.flush(WAIT);
            nc.flush(WAIT);
            Statistics before = nc.statistics();
            assertThat(before.pingsSent()).isPositive();
            assertThat(before.pongsReceived()).isGreaterThan(before.pingsSent() - 1);

            java.util.concurrent.CompletableFuture<Message> f =
                nc.requestAsync("stats.slow", null, new byte[0], java.time.Duration.ofMillis(50));
            await().atMost(WAIT).until(f::isDone);
            late.countDown();
            await().atMost(WAIT).until(() -> nc.statistics().unmatchedReplies() == 1);

            nc.resetStatistics();
            Statistics after = nc.statistics();
            assertThat(after.unmatchedReplies()).isZero();
            assertThat(after.requests()).isZero();
            nc.flush(WAIT);
            assertThat(nc.statistics().pingsSent()).isEqualTo(1);
        }
    }
}
