package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests the exact bytes and size bounds of {@link ProtocolEncoder}, and PUB/HPUB round trips through the parser. */
class ProtocolEncoderTest {
    static final byte[] HEADERS = ascii("NATS/1.0\r\nA: 1\r\n\r\n");
    static final byte[] HELLO = ascii("hello");

    @Test
    void writesPub() {
        assertThat(publish("foo", null, null, HELLO)).isEqualTo("PUB foo 5\r\nhello\r\n");
        assertThat(publish("foo", null, new byte[0], HELLO)).isEqualTo("PUB foo 5\r\nhello\r\n");
    }

    @Test
    void writesPubWithReply() {
        assertThat(publish("foo.bar", "_INBOX.1", null, HELLO)).isEqualTo("PUB foo.bar _INBOX.1 5\r\nhello\r\n");
    }

    @Test
    void writesPubWithEmptyPayload() {
        assertThat(publish("foo", null, null, new byte[0])).isEqualTo("PUB foo 0\r\n\r\n");
    }

    @Test
    void writesHpub() {
        assertThat(publish("foo", null, HEADERS, HELLO))
            .isEqualTo("HPUB foo 18 23\r\nNATS/1.0\r\nA: 1\r\n\r\nhello\r\n");
    }

    @Test
    void writesHpubWithReply() {
        assertThat(publish("foo", "r.1", HEADERS, HELLO))
            .isEqualTo("HPUB foo r.1 18 23\r\nNATS/1.0\r\nA: 1\r\n\r\nhello\r\n");
    }

    @Test
    void writesPayloadSliceOfArray() {
        ByteBuffer out = ByteBuffer.allocate(64);
        ProtocolEncoder.publish(out, "s", null, null, ascii("xxhelloyy"), 2, 5);
        assertThat(written(out)).isEqualTo("PUB s 5\r\nhello\r\n");
    }

    @Test
    void writesPayloadFromBufferWithoutMovingIt() {
        ByteBuffer data = ByteBuffer.wrap(ascii("xxhelloyy"), 2, 5);
        ByteBuffer out = ByteBuffer.allocateDirect(64);

        ProtocolEncoder.publish(out, "s", "r", HEADERS, data);

        assertThat(written(out)).isEqualTo("HPUB s r 18 23\r\nNATS/1.0\r\nA: 1\r\n\r\nhello\r\n");
        assertThat(data.position()).isEqualTo(2);
        assertThat(data.remaining()).isEqualTo(5);
    }

    @Test
    void writesSubUnsubConnectPingPong() {
        ByteBuffer out = ByteBuffer.allocate(256);
        ProtocolEncoder.subscribe(out, "foo.*", null, 1);
        ProtocolEncoder.subscribe(out, "foo.>", "workers", 2);
        ProtocolEncoder.unsubscribe(out, 1, 0);
        ProtocolEncoder.unsubscribe(out, 2, 10);
        ProtocolEncoder.connect(out, ascii("{\"verbose\":false}"));
        out.put(ProtocolEncoder.PING).put(ProtocolEncoder.PONG);

        assertThat(written(out)).isEqualTo("SUB foo.* 1\r\nSUB foo.> workers 2\r\nUNSUB 1\r\nUNSUB 2 10\r\n"
            + "CONNECT {\"verbose\":false}\r\nPING\r\nPONG\r\n");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 1_000_000, Integer.MAX_VALUE, Long.MAX_VALUE})
    void writesNumbersAsDecimal(long n) {
        ByteBuffer out = ByteBuffer.allocate(128);
        ProtocolEncoder.subscribe(out, "a", null, n);
        ProtocolEncoder.unsubscribe(out, n, n);

        String max = n == 0 ? "" : " " + n;
        assertThat(written(out)).isEqualTo("SUB a " + n + "\r\nUNSUB " + n + max + "\r\n");
        assertThat(Ascii.digits(n)).isEqualTo(Long.toString(n).length());
    }

    @Test
    void writesNonAsciiSubjectsAsUtf8() {
        String subject = "naïve.日本.\uD83D\uDE00";
        ByteBuffer out = ByteBuffer.allocate(ProtocolEncoder.publishBound(subject, subject, 0, 1));

        ProtocolEncoder.publish(out, subject, subject, null, ascii("x"), 0, 1);

        byte[] expected = ("PUB " + subject + " " + subject + " 1\r\nx\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(expected);
    }

    static Stream<Arguments> publishes() {
        String wide = "\u65e5".repeat(40);
        return Stream.of(
            Arguments.of("a", null, 0, 0),
            Arguments.of("a", "b", 0, 1),
            Arguments.of("orders.new", "_INBOX.abcdefghijklmnop.1", 18, 1000),
            Arguments.of(wide, wide, 65_000, 70_000),
            Arguments.of("\uD83D\uDE00.\uD83D\uDE00", "x", 1, 1 << 20));
    }

    @ParameterizedTest
    @MethodSource("publishes")
    void publishNeverExceedsItsBound(String subject, String reply, int headerLen, int payloadLen) {
        byte[] headers = headerLen == 0 ? null : new byte[headerLen];
        int bound = ProtocolEncoder.publishBound(subject, reply, headerLen, payloadLen);
        ByteBuffer out = ByteBuffer.allocate(bound);
        ProtocolEncoder.publish(out, subject, reply, headers, new byte[payloadLen], 0, payloadLen);
        assertThat(out.position()).isLessThanOrEqualTo(bound);

        out.clear();
        ProtocolEncoder.publish(out, subject, reply, headers, ByteBuffer.allocate(payloadLen));
        assertThat(out.position()).isLessThanOrEqualTo(bound);
    }

    @Test
    void subscribeAndUnsubscribeNeverExceedTheirBounds() {
        String subject = "\u00e9".repeat(30) + ".>";
        int bound = ProtocolEncoder.subscribeBound(subject, "q\u00e9ue");
        ByteBuffer out = ByteBuffer.allocate(bound);
        ProtocolEncoder.subscribe(out, subject, "q\u00e9ue", Long.MAX_VALUE);
        assertThat(out.position()).isLessThanOrEqualTo(bound);

        ByteBuffer unsub = ByteBuffer.allocate(ProtocolEncoder.UNSUBSCRIBE_BOUND);
        ProtocolEncoder.unsubscribe(unsub, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(unsub.position()).isLessThanOrEqualTo(ProtocolEncoder.UNSUBSCRIBE_BOUND);
    }

    static Stream<Arguments> roundTrips() {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        return Stream.of(
            Arguments.of("foo", null, null, HELLO),
            Arguments.of("foo.bar", "_INBOX.x", null, new byte[0]),
            Arguments.of("naïve.日本", "r\u00e9ply", null, binary),
            Arguments.of("foo", null, Headers.of("A", "1"), HELLO),
            Arguments.of("foo", "r.1", Headers.of("Tag", "a", "tag", "b", "Tag", "c").add("Trace-Id", "x y"), binary),
            Arguments.of("k.v", "r", Headers.of("Nats-Msg-Id", "1"), ascii("\r\nMSG a 1 2\r\n")));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void publishParsesBackAsTheServerWouldDeliverIt(String subject, String reply, Headers headers, byte[] data) {
        byte[] block = headers == null ? null : HeadersCodec.encode(headers);
        ByteBuffer out = ByteBuffer.allocate(ProtocolEncoder.publishBound(subject, reply,
            block == null ? 0 : block.length, data.length));
        ProtocolEncoder.publish(out, subject, reply, block, data, 0, data.length);
        byte[] delivered = asDelivered(Arrays.copyOf(out.array(), out.position()), 42);

        RecordingHandler h = RecordingHandler.parse(delivered, 4096, 1 << 20);

        assertThat(h.error).isNull();
        assertThat(h.msgs).hasSize(1);
        RecordingHandler.Msg m = h.msgs.get(0);
        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.sid()).isEqualTo(42);
        assertThat(m.reply()).isEqualTo(reply);
        assertThat(m.data()).isEqualTo(data);
        if (headers == null) {
            assertThat(m.headers()).isEmpty();
        } else {
            assertThat(m.headers()).isEqualTo(block);
            assertThat(HeadersCodec.decode(ByteBuffer.wrap(m.headers()), 0, m.headers().length, 0)).isEqualTo(headers);
        }
    }

    /** Rewrites a client PUB/HPUB into the MSG/HMSG the server sends a subscriber with the given sid. */
    static byte[] asDelivered(byte[] pub, long sid) {
        int lf = 0;
        while (pub[lf] != '\n') {
            lf++;
        }
        List<String> args = List.of(new String(pub, 0, lf - 1, StandardCharsets.UTF_8).split(" "));
        String op = args.get(0).equals("PUB") ? "MSG" : "HMSG";
        String line = op + " " + args.get(1) + " " + sid + " " + String.join(" ", args.subList(2, args.size()));
        byte[] head = line.getBytes(StandardCharsets.UTF_8);
        byte[] frame = Arrays.copyOf(head, head.length + pub.length - lf + 1);
        System.arraycopy(pub, lf - 1, frame, head.length, pub.length - lf + 1);
        return frame;
    }

    static String publish(String subject, String reply, byte[] headers, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(ProtocolEncoder.publishBound(subject, reply,
            headers == null ? 0 : headers.length, data.length));
        ProtocolEncoder.publish(out, subject, reply, headers, data, 0, data.length);
        return written(out);
    }

    static String written(ByteBuffer out) {
        byte[] b = new byte[out.position()];
        out.get(0, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
