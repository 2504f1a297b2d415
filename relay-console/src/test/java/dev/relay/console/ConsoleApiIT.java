package dev.relay.console;

import static dev.relay.console.ApiClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.console.ApiClient.Reply;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Nats;
import dev.relay.nats.Subscription;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's REST and WebSocket API against a real nats-server, called over real HTTP: publish,
 * request (reply, no responders, timeout), subscribe / list / unsubscribe, message streaming, status.
 */
@NatsTest
class ConsoleApiIT {

    @Test
    void publishReachesASubscriberWithHeadersAndReplySubject(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection other = ConsoleFixture.connect(server)) {
            Subscription sub = other.subscribe("api.pub");
            other.flush(WAIT);

            Reply r = f.api.post("/api/nats/publish", Map.of("subject", "api.pub", "message", "hello",
                    "headers", Map.of("Trace-Id", "abc", "Tag", List.of("a", "b")), "reply", "api.answers"));

            assertThat(r.status()).isEqualTo(202);
            assertThat(r.json().path("size").asInt()).isEqualTo(5);
            Message m = sub.nextMessage(WAIT);
            assertThat(m.dataAsString()).isEqualTo("hello");
            assertThat(m.replyTo()).contains("api.answers");
            assertThat(m.headers().get("Trace-Id")).containsExactly("abc");
            assertThat(m.headers().get("Tag")).containsExactly("a", "b");
        }
    }

    @Test
    void publishTakesBinaryPayloadsAsBase64(NatsServer server) {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 10};
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection other = ConsoleFixture.connect(server)) {
            Subscription sub = other.subscribe("api.bin");
            other.flush(WAIT);

            Reply r = f.api.post("/api/nats/publish",
                    Map.of("subject", "api.bin", "message_b64", Base64.getEncoder().encodeToString(binary)));

            assertThat(r.status()).isEqualTo(202);
            assertThat(sub.nextMessage(WAIT).data()).isEqualTo(binary);
        }
    }

    @Test
    void requestReturnsTheReplyWithHeadersAndLatency(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection responder = ConsoleFixture.connect(server)) {
            responder.subscribe("api.echo", m -> m.respond(Headers.of("Echoed-By", "responder"),
                    ("echo:" + m.dataAsString() + ":" + m.headers().first("X").orElse("-")).getBytes()));
            responder.flush(WAIT);

            Reply r = f.api.post("/api/nats/request", Map.of("subject", "api.echo", "message", "hi",
                    "headers", Map.of("X", "1"), "timeout_ms", 5000));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("data").asText()).isEqualTo("echo:hi:1");
            assertThat(r.json().path("headers").path("Echoed-By").get(0).asText()).isEqualTo("responder");
            assertThat(r.json().path("subject").asText()).startsWith("_INBOX.");
            assertThat(r.json().path("latency_ms").isNumber()).isTrue();
        }
    }

    @Test
    void requestWithoutRespondersIs503WithAJsonError(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server)) {
            Reply r = f.api.post("/api/nats/request", Map.of("subject", "api.nobody", "message", "hi"));

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.error()).isEqualTo("no_responders");
            assertThat(r.json().path("message").asText()).contains("api.nobody");
        }
    }

    @Test
    void requestThatNobodyAnswersInTimeIs504WithAJsonError(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection silent = ConsoleFixture.connect(server)) {
            silent.subscribe("api.silent", m -> { });
            silent.flush(WAIT);

            Reply r = f.api.post("/api/nats/request", Map.of("subject", "api.silent", "message", "hi", "timeout_ms", 200));

            assertThat(r.status()).isEqualTo(504);
            assertThat(r.error()).isEqualTo("timeout");
            assertThat(r.field()).isEqualTo("timeout_ms");
        }
    }

    @Test
    void subscribeCountsMessagesListsAndUnsubscribes(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection other = ConsoleFixture.connect(server)) {
            Reply created = f.api.post("/api/nats/subscribe", Map.of("subject", "api.count.*", "queue", "q1"));
            assertThat(created.status()).isEqualTo(200);
            long sid = created.json().path("sid").asLong();
            assertThat(created.json().path("queue").asText()).isEqualTo("q1");
            f.nc.flush(WAIT);

            for (int i = 0; i < 3; i++) {
                other.publish("api.count." + i, "m" + i);
            }
            other.publish("api.other", "not counted");
            other.flush(WAIT);

            await().atMost(WAIT).until(() -> f.api.get("/api/nats/subscriptions").json()
                    .path("subscriptions").path(0).path("messages").asLong() == 3);
            JsonNode list = f.api.get("/api/nats/subscriptions").json();
            assertThat(list.path("count").asInt()).isEqualTo(1);
            assertThat(list.path("subscriptions").get(0).path("sid").asLong()).isEqualTo(sid);
            assertThat(list.path("subscriptions").get(0).path("subject").asText()).isEqualTo("api.count.*");

            Reply deleted = f.api.delete("/api/nats/subscribe/" + sid);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(f.api.get("/api/nats/subscriptions").json().path("count").asInt()).isZero();
            assertThat(f.api.delete("/api/nats/subscribe/" + sid).error()).isEqualTo("unknown_sid");
        }
    }

    @Test
    void theWebSocketStreamsEachMessageAsOneJsonObject(NatsServer server) throws Exception {
        try (ConsoleFixture f = ConsoleFixture.start(server); Connection other = ConsoleFixture.connect(server)) {
            long sid = f.api.subscribe("ws.>");
            f.nc.flush(WAIT);
            ApiClient.Socket socket = f.api.openSocket(sid, null);
            await().atMost(WAIT).until(() -> f.api.get("/api/nats/subscriptions").json()
                    .path("subscriptions").path(0).path("sockets").asInt() == 1);

            other.publish("ws.text", "reply.to", Headers.of("K", "v"), "{\"id\":7}".getBytes());
            other.publish("ws.binary", new byte[] {(byte) 0xff, 0});
            other.flush(WAIT);

            JsonNode first = socket.next();
            assertThat(first.path("sid").asLong()).isEqualTo(sid);
            assertThat(first.path("subject").asText()).isEqualTo("ws.text");
            assertThat(first.path("reply").asText()).isEqualTo("reply.to");
            assertThat(first.path("headers").path("K").get(0).asText()).isEqualTo("v");
            assertThat(first.path("payload").asText()).isEqualTo("{\"id\":7}");
            assertThat(first.path("dropped").asLong()).isZero();
            assertThat(first.path("received").asText()).isNotEmpty();
            JsonNode second = socket.next();
            assertThat(second.path("subject").asText()).isEqualTo("ws.binary");
            assertThat(second.has("payload")).isFalse();
            assertThat(Base64.getDecoder().decode(second.path("payload_b64").asText())).containsExactly(0xff, 0);
            socket.close();
            await().atMost(WAIT).until(() -> f.api.get("/api/nats/subscriptions").json()
                    .path("subscriptions").path(0).path("sockets").asInt() == 0);
        }
    }

    @Test
    void statusShowsStateServerAndStatistics(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server)) {
            f.api.post("/api/nats/publish", Map.of("subject", "api.status", "message", "x"));
            f.api.subscribe("api.status");

            JsonNode s = f.api.get("/api/nats/status").json();

            assertThat(s.path("state").asText()).isEqualTo("CONNECTED");
            assertThat(s.path("servers").get(0).asText()).isEqualTo(server.url());
            assertThat(s.path("server").path("version").asText()).isEqualTo(server.version());
            assertThat(s.path("server").path("max_payload").asLong()).isPositive();
            assertThat(s.path("statistics").path("out_msgs").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(s.path("subscriptions").asInt()).isEqualTo(1);
            assertThat(s.path("monitor").asBoolean()).isFalse();
            assertThat(s.path("events").get(0).path("type").asText()).isEqualTo("CONNECTED");
        }
    }

    @Test
    void thePageAndItsFilesAreServedWithAContentSecurityPolicy(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server)) {
            Reply page = f.api.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw().body()).contains("<title>Relay console</title>");
            assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
            assertThat(f.api.get("/console.js").raw().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/javascript");
            assertThat(f.api.get("/console.css").status()).isEqualTo(200);
            assertThat(f.api.get("/nothing-here").status()).isEqualTo(404);
        }
    }
}
