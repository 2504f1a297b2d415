package dev.relay.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.console.ApiClient.Reply;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a 4xx with a JSON error naming the field, never a 500 or a stack trace:
 * invalid subjects, missing fields, payloads over max_payload, unknown sids, malformed JSON, a missing
 * or wrong token, a foreign WebSocket Origin, too many subscriptions.
 */
@NatsTest
class BadInputIT {

    private static ConsoleFixture fixture;

    @BeforeAll
    static void start(NatsServer server) {
        fixture = ConsoleFixture.start(server, b -> b.maxSubscriptions(3));
    }

    @AfterAll
    static void stop() {
        // a failed start leaves no fixture: report that failure, not a NullPointerException here
        if (fixture != null) {
            fixture.close();
        }
    }

    static Stream<Arguments> badBodies() {
        String tooLarge = "x".repeat(1024 * 1024 + 1); // nats-server's default max_payload is 1 MiB
        return Stream.of(
                Arguments.of("publish", "{\"subject\":\"a b\",\"message\":\"x\"}", "invalid_subject", "subject"),
                Arguments.of("publish", "{\"subject\":\"a..b\",\"message\":\"x\"}", "invalid_subject", "subject"),
                Arguments.of("publish", "{\"subject\":\"a.*\",\"message\":\"x\"}", "invalid_subject", "subject"),
                Arguments.of("publish", "{\"subject\":\"\",\"message\":\"x\"}", "invalid_subject", "subject"),
                Arguments.of("publish", "{\"subject\":\"a\",\"message\":\"x\",\"reply\":\"r r\"}", "invalid_subject", "reply"),
                Arguments.of("publish", "{\"message\":\"x\"}", "missing_field", "subject"),
                Arguments.of("publish", "{\"subject\":\"a\"}", "missing_field", "message"),
                Arguments.of("publish", "{\"subject\":7,\"message\":\"x\"}", "invalid_field", "subject"),
                Arguments.of("publish", "{\"subject\":\"a\",\"message_b64\":\"%%%\"}", "invalid_field", "message_b64"),
                Arguments.of("publish", "{\"subject\":\"a\",\"message\":\"x\",\"headers\":{\"Bad Name\":\"v\"}}", "invalid_field", "headers"),
                Arguments.of("publish", "{\"subject\":\"a\",\"message\":\"" + tooLarge + "\"}", "payload_too_large", "message"),
                Arguments.of("publish", "{\"subject\":", "malformed_json", "body"),
                Arguments.of("publish", "[1,2]", "malformed_json", "body"),
                Arguments.of("publish", "", "malformed_json", "body"),
                Arguments.of("request", "{\"subject\":\"a.>\",\"message\":\"x\"}", "invalid_subject", "subject"),
                Arguments.of("request", "{\"subject\":\"a\",\"message\":\"x\",\"timeout_ms\":0}", "invalid_field", "timeout_ms"),
                Arguments.of("request", "{\"subject\":\"a\",\"message\":\"x\",\"timeout_ms\":\"soon\"}", "invalid_field", "timeout_ms"),
                Arguments.of("subscribe", "{\"subject\":\"a.>.b\"}", "invalid_subject", "subject"),
                Arguments.of("subscribe", "{\"subject\":\"a.b*\"}", "invalid_subject", "subject"),
                Arguments.of("subscribe", "{\"subject\":\"a\",\"queue\":\"q q\"}", "invalid_queue", "queue"),
                Arguments.of("subscribe", "{}", "missing_field", "subject"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} on {3}")
    @MethodSource("badBodies")
    void aBadBodyIs400NamingTheField(String call, String body, String error, String field) {
        Reply r = fixture.api.post("/api/nats/" + call, body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.json().path("message").asText()).startsWith(field + ":");
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownOrMalformedSidsAre400() {
        assertThat(fixture.api.delete("/api/nats/subscribe/999").error()).isEqualTo("unknown_sid");
        Reply malformed = fixture.api.delete("/api/nats/subscribe/abc");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.field()).isEqualTo("sid");
        Reply socket = fixture.api.get("/api/nats/messages?sid=999");
        assertThat(socket.status()).isEqualTo(400);
        assertThat(socket.error()).isEqualTo("unknown_sid");
    }

    @Test
    void aPlainGetOfTheMessageStreamAsksForAWebSocket() {
        long sid = fixture.api.subscribe("bad.plain");
        try {
            Reply r = fixture.api.get("/api/nats/messages?sid=" + sid);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).isEqualTo("websocket_required");
        } finally {
            fixture.api.delete("/api/nats/subscribe/" + sid);
        }
    }

    @Test
    void callsWithoutTheRightTokenAre401() {
        Reply none = fixture.api.send(HttpRequest.newBuilder(fixture.console.uri().resolve("/api/nats/status")).GET());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.field()).isEqualTo("token");
        Reply wrong = fixture.api.send(HttpRequest.newBuilder(fixture.console.uri().resolve("/api/nats/status"))
                .header("Authorization", "Bearer not-the-token").GET());
        assertThat(wrong.status()).isEqualTo(401);
        Reply viaQuery = fixture.api.send(HttpRequest.newBuilder(
                fixture.console.uri().resolve("/api/nats/status?token=" + fixture.console.accessToken())).GET());
        assertThat(viaQuery.status()).isEqualTo(200);
    }

    @Test
    void aWebSocketFromAForeignOriginIsRefused() {
        long sid = fixture.api.subscribe("bad.origin");
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> fixture.api.openSocket(sid, "http://evil.example"))).isNotNull();
            ApiClient.Socket own = fixture.api.openSocket(sid, "http://" + fixture.console.uri().getAuthority());
            own.close();
        } finally {
            fixture.api.delete("/api/nats/subscribe/" + sid);
        }
    }

    @Test
    void unknownCallsAndWrongMethodsGetJsonErrors() {
        assertThat(fixture.api.get("/api/nats/nothing").status()).isEqualTo(404);
        Reply wrongMethod = fixture.api.get("/api/nats/publish");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).isEqualTo("method_not_allowed");
    }

    @Test
    void subscriptionsBeyondTheLimitAre429() {
        long[] sids = {fixture.api.subscribe("bad.limit.1"), fixture.api.subscribe("bad.limit.2"),
            fixture.api.subscribe("bad.limit.3")};
        try {
            Reply r = fixture.api.post("/api/nats/subscribe", "{\"subject\":\"bad.limit.4\"}");
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.error()).isEqualTo("too_many_subscriptions");
        } finally {
            for (long sid : sids) {
                fixture.api.delete("/api/nats/subscribe/" + sid);
            }
        }
    }

    @Test
    void theMonitorCallSaysItIsOffWhenNoMonitorUrlWasGiven() {
        Reply r = fixture.api.get("/api/nats/monitor");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("monitor_off");
    }
}
