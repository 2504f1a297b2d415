package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Headers through a real server: multi-valued keys, case and order preserved, with and without reply subjects. */
@NatsTest
@NatsServerOptions(jetStream = false)
class HeadersIT {

    @Test
    void headersSurviveTheRoundTripWithCaseOrderAndRepeatedKeys(NatsServer server) {
        Headers sent = new Headers()
            .add("X-A", "1")
            .add("x-a", "lower")
            .add("Trace-Id", "abc: def  with spaces")
            .add("X-A", "2")
            .add("Empty", "")
            .add("X-A", "3");
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("hdr.round");
            sub.flush(WAIT);

            pub.publish("hdr.round", sent, "body".getBytes(StandardCharsets.UTF_8));
            Message m = s.nextMessage(WAIT);

            assertThat(m.hasHeaders()).isTrue();
            Headers got = m.headers();
            assertThat(got.get("X-A")).containsExactly("1", "2", "3");
            assertThat(got.get("x-a")).containsExactly("lower");
            assertThat(got.getIgnoreCase("x-A")).containsExactlyInAnyOrder("1", "2", "3", "lower");
            assertThat(got.first("Trace-Id")).contains("abc: def  with spaces");
            assertThat(got.get("Empty")).containsExactly("");
            assertThat(got.keys()).containsExactly("X-A", "x-a", "Trace-Id", "Empty");
            assertThat(got.asMap()).isEqualTo(sent.asMap());
            assertThat(got.status()).isZero();
            assertThat(m.replyTo()).isEmpty();
            assertThat(m.dataAsString()).isEqualTo("body");
        }
    }

    @Test
    void headersTravelWithAReplySubject(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("hdr.reply");
            Subscription replies = pub.subscribe("hdr.answers");
            sub.flush(WAIT);
            pub.flush(WAIT);

            pub.publish("hdr.reply", "hdr.answers", Headers.of("Kind", "question", "Kind", "urgent"),
                "why?".getBytes(StandardCharsets.UTF_8));
            Message m = s.nextMessage(WAIT);
            assertThat(m.replyTo()).contains("hdr.answers");
            assertThat(m.headers().get("Kind")).containsExactly("question", "urgent");
            assertThat(m.dataAsString()).isEqualTo("why?");

            m.respond(Headers.of("Kind", "answer"), "because".getBytes(StandardCharsets.UTF_8));
            Message answer = replies.nextMessage(WAIT);
            assertThat(answer.headers().get("Kind")).containsExactly("answer");
            assertThat(answer.dataAsString()).isEqualTo("because");
        }
    }

    @Test
    void headersWithAnEmptyPayloadKeepTheirPayloadEmpty(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("hdr.empty");
            nc.publish("hdr.empty", Headers.of("Only", "headers"), new byte[0]);
            Message m = s.nextMessage(WAIT);
            assertThat(m.hasHeaders()).isTrue();
            assertThat(m.headers().get("Only")).isEqualTo(List.of("headers"));
            assertThat(m.data()).isEmpty();
        }
    }

    @Test
    void aMessageWithoutHeadersHasEmptyHeaders(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("hdr.none");
            nc.publish("hdr.none", "plain");
            nc.publish("hdr.none", new Headers(), "empty headers object".getBytes(StandardCharsets.UTF_8));

            for (String expected : List.of("plain", "empty headers object")) {
                Message m = s.nextMessage(WAIT);
                assertThat(m.dataAsString()).isEqualTo(expected);
                assertThat(m.hasHeaders()).isFalse();
                assertThat(m.headers().isEmpty()).isTrue();
                assertThat(m.headers().status()).isZero();
                assertThat(m.status()).isZero();
            }
        }
    }
}
