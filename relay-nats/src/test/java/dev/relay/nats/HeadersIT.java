package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.awaitility.Awaitility;
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

    /**
     * A publisher that sends header lines a strict reader refuses (the server relays them unchanged):
     * every subscriber still gets that message and the next, keeps its connection, and hears of it once.
     */
    @Test
    void aMalformedHeaderFromAnyPublisherIsDeliveredAndReportedOnceWithoutADisconnect(NatsServer server)
            throws Exception {
        Recorder recorder = new Recorder();
        try (Connection nc = Clients.connect(server, recorder)) {
            Subscription sub = nc.subscribe("hdr.bad");
            nc.flush(WAIT);
            String badBlock = "NATS/1.0\r\nBad Key: v\r\nGood: yes\r\n\r\n";
            String nonAscii = "NATS/1.0\r\nSchl\u00fcssel: x\r\n\r\n";
            rawPublish(server, hpub("hdr.bad", badBlock, "hi") + hpub("hdr.bad", nonAscii, "there")
                + "PUB hdr.bad 2\r\nok\r\n");

            Message first = sub.nextMessage(WAIT);
            assertThat(first.dataAsString()).isEqualTo("hi");
            assertThat(first.headers().first("Good")).contains("yes");
            assertThat(first.headersProblem()).hasValueSatisfying(p -> assertThat(p).contains("Bad Key"));
            assertThat(new String(first.rawHeaders(), StandardCharsets.UTF_8)).isEqualTo(badBlock);
            Message second = sub.nextMessage(WAIT);
            assertThat(second.dataAsString()).isEqualTo("there");
            assertThat(new String(second.rawHeaders(), StandardCharsets.UTF_8)).isEqualTo(nonAscii);
            assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("ok");

            nc.flush(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> !recorder.exceptions.isEmpty());
            assertThat(recorder.exceptions).hasSize(1);
            assertThat(recorder.exceptions.get(0)).hasMessageContaining("malformed headers")
                .hasMessageContaining("hdr.bad");
            assertThat(recorder.count(ConnectionEvent.Type.DISCONNECTED)).isZero();
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
        }
    }

    /** The pending-byte limits used to count the payload only, although the docs said headers too. */
    @Test
    void pendingBytesCountTheHeaderBlockWithThePayload(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription sub = nc.subscribe("hdr.size");
            nc.flush(WAIT);
            nc.publish("hdr.size", Headers.of("Key", "value"), new byte[10]);
            nc.flush(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> sub.pendingMessages() == 1);
            int block = "NATS/1.0\r\nKey: value\r\n\r\n".length();
            assertThat(sub.pendingBytes()).isEqualTo(block + 10);
        }
    }

    private static String hpub(String subject, String block, String payload) {
        int h = block.getBytes(StandardCharsets.UTF_8).length;
        int t = h + payload.getBytes(StandardCharsets.UTF_8).length;
        return "HPUB " + subject + " " + h + " " + t + "\r\n" + block + payload + "\r\n";
    }

    /** Publishes protocol text from a bare socket, as a publisher with another client library would. */
    private static void rawPublish(NatsServer server, String ops) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("INFO");
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT {\"verbose\":false,\"headers\":true,\"protocol\":1}\r\n" + ops + "PING\r\n")
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("PONG");
        }
    }
}
