package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests that {@link ProtocolParser} gives the same calls, or the same error at the bad frame's offset, for any split. */
class ProtocolParserTest {
    /** Small enough that a payload split mid-way is longer than a control line may be. */
    static final int MAX_LINE = 128;
    static final int MAX_PAYLOAD = 64 * 1024;

    static Stream<Arguments> fixtures() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return Stream.of(
            fixture("INFO with JSON", "INFO {\"server_id\":\"NABC\",\"max_payload\":1048576,\"headers\":true} \r\n",
                "info {\"server_id\":\"NABC\",\"max_payload\":1048576,\"headers\":true}"),
            fixture("MSG", "MSG foo.bar 9 5\r\nhello\r\n", "msg foo.bar sid=9 data=\"hello\""),
            fixture("MSG with reply", "MSG foo.bar 9 _INBOX.x.y 5\r\nhello\r\n",
                "msg foo.bar sid=9 reply=_INBOX.x.y data=\"hello\""),
            fixture("MSG with empty payload", "MSG foo 1 0\r\n\r\n", "msg foo sid=1 data=\"\""),
            fixture("HMSG", "HMSG foo 2 18 20\r\nNATS/1.0\r\nA: 1\r\n\r\nhi\r\n",
                "msg foo sid=2 headers=\"NATS/1.0\\r\\nA: 1\\r\\n\\r\\n\" data=\"hi\""),
            fixture("HMSG with reply", "HMSG foo 2 r.1 18 20\r\nNATS/1.0\r\nA: 1\r\n\r\nhi\r\n",
                "msg foo sid=2 reply=r.1 headers=\"NATS/1.0\\r\\nA: 1\\r\\n\\r\\n\" data=\"hi\""),
            fixture("HMSG with status-only header", "HMSG _INBOX.a 3 16 16\r\nNATS/1.0 503\r\n\r\n\r\n",
                "msg _INBOX.a sid=3 headers=\"NATS/1.0 503\\r\\n\\r\\n\" data=\"\""),
            fixture("PING", "PING\r\n", "ping"),
            fixture("PONG", "PONG\r\n", "pong"),
            fixture("+OK", "+OK\r\n", "ok"),
            fixture("-ERR", "-ERR 'Authorization Violation'\r\n", "err Authorization Violation"),
            fixture("lower-case ops",
                "info {}\r\nmsg a 1 1\r\nx\r\nhmsg a 1 10 10\r\nNATS/1.0\r\n\r\nping\r\npong\r\n+ok\r\n-err 'e'\r\n",
                "info {}", "msg a sid=1 data=\"x\"", "msg a sid=1 headers=\"NATS/1.0\\r\\n\" data=\"\"",
                "ping", "pong", "ok", "err e"),
            fixture("tabs as separators", "MSG\tfoo\t 7\t\treply\t2\r\nhi\r\nPING \t\r\nINFO\t{}\r\n",
                "msg foo sid=7 reply=reply data=\"hi\"", "ping", "info {}"),
            fixture("bare LF line endings", "PING\nMSG foo 1 2\nhi\r\nHMSG foo 1 10 10\nNATS/1.0\r\n\r\n-ERR 'x'\n",
                "ping", "msg foo sid=1 data=\"hi\"", "msg foo sid=1 headers=\"NATS/1.0\\r\\n\" data=\"\"", "err x"),
            fixture("several frames", "PING\r\nMSG a 1 1\r\n1\r\nMSG b 2 c 2\r\n22\r\nPONG\r\n+OK\r\nMSG a 1 0\r\n\r\n",
                "ping", "msg a sid=1 data=\"1\"", "msg b sid=2 reply=c data=\"22\"", "pong", "ok",
                "msg a sid=1 data=\"\""),
            fixture("payload holding \\r\\nMSG", "MSG foo 1 13\r\n\r\nMSG x 1 2\r\n\r\nPING\r\n",
                "msg foo sid=1 data=\"\\r\\nMSG x 1 2\\r\\n\"", "ping"),
            Arguments.of("binary payload 0..255", concat(ascii("MSG bin 7 256\r\n"), all, ascii("\r\n")),
                List.of("msg bin sid=7 data=\"" + RecordingHandler.escape(all) + "\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesWholeStream(String name, byte[] stream, List<String> expected) {
        assertThat(parse(stream)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesByteByByte(String name, byte[] stream, List<String> expected) {
        int[] cuts = new int[stream.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i;
        }
        assertThat(parse(stream, cuts)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesSplitAtEveryOffset(String name, byte[] stream, List<String> expected) {
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(parse(stream, cut)).as("split at %d", cut).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesSplitInThree(String name, byte[] stream, List<String> expected) {
        int step = Math.max(1, stream.length / 25);
        for (int a = 0; a <= stream.length; a += step) {
            for (int b = a; b <= stream.length; b += step) {
                assertThat(parse(stream, a, b)).as("split at %d and %d", a, b).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFromBufferWithNonZeroPosition(String name, byte[] stream, List<String> expected) {
        byte[] framed = concat(ascii("garbage"), stream, ascii("junk"));
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        int mid = 7 + stream.length / 2;
        ByteBuffer first = ByteBuffer.wrap(framed, 7, mid - 7);
        ByteBuffer second = ByteBuffer.wrap(framed, mid, 7 + stream.length - mid);

        parser.feed(first);
        parser.feed(second);

        assertThat(h.events).isEqualTo(expected);
        assertThat(first.position()).isEqualTo(mid);
        assertThat(second.position()).isEqualTo(7 + stream.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFromDirectBuffer(String name, byte[] stream, List<String> expected) {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length + 8);
        direct.put(ascii("xxx")).put(stream).flip().position(3);
        ByteBuffer firstThird = direct.duplicate().limit(3 + stream.length / 3);

        parser.feed(firstThird);
        parser.feed(direct.position(firstThird.position()));

        assertThat(h.events).isEqualTo(expected);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void keepsOnlyTheUnfinishedFrameBetweenFeeds() {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);

        parser.feed(ByteBuffer.wrap(ascii("PING\r\nMSG a 1 300\r\n")));
        assertThat(parser.carriedBytes()).isEqualTo(13);
        parser.feed(ByteBuffer.wrap(new byte[299]));
        assertThat(parser.carriedBytes()).isEqualTo(13 + 299);
        parser.feed(ByteBuffer.wrap(ascii("x\r\nPO")));

        assertThat(parser.carriedBytes()).isEqualTo(2);
        assertThat(h.events).hasSize(2).first().isEqualTo("ping");
    }

    @Test
    void resetForgetsTheUnfinishedFrame() {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        parser.feed(ByteBuffer.wrap(ascii("MSG a 1 5\r\nhe")));

        parser.reset();
        parser.feed(ByteBuffer.wrap(ascii("PONG\r\n")));

        assertThat(h.events).containsExactly("pong");
        assertThat(parser.carriedBytes()).isZero();
    }

    /** Valid frames before each bad one, so that the bad frame's offset is not 0. */
    static final String PREFIX = "PING\r\n+OK\r\n";

    static Stream<Arguments> malformed() {
        String tooLong = "INFO " + "x".repeat(MAX_LINE + 40);
        return Stream.of(
            malformed("unknown op", "FOO bar\r\n", "unknown protocol operation"),
            malformed("CR is not a case-folded '-'", "\rERR 'x'\r\n", "unknown protocol operation"),
            malformed("VT is not a case-folded '+'", "\u000bOK\r\n", "unknown protocol operation"),
            malformed("PING with an argument", "PING x\r\n", "unknown protocol operation"),
            malformed("MSG with too few args", "MSG foo 5\r\n", "MSG needs 3 or 4 arguments, got 2"),
            malformed("MSG with too many args", "MSG foo 1 a b 5\r\n", "MSG needs 3 or 4 arguments, got 5"),
            malformed("MSG with six args", "MSG foo 1 a b c 5\r\n", "too many arguments"),
            malformed("HMSG with too few args", "HMSG foo 1 5\r\n", "HMSG needs 4 or 5 arguments, got 3"),
            malformed("non-numeric sid", "MSG foo x1 5\r\n", "sid is not a decimal number"),
            malformed("non-numeric size", "MSG foo 1 5x\r\n", "size is not a decimal number"),
            malformed("negative size", "MSG foo 1 -5\r\n", "size is not a decimal number"),
            malformed("size with 11 digits", "MSG foo 1 00000000005\r\n", "size has too many digits"),
            malformed("sid with 20 digits", "MSG foo 12345678901234567890 5\r\n", "sid has too many digits"),
            malformed("size above maxPayload, no payload sent", "MSG foo 1 65537\r\n",
                "size 65537 exceeds the limit of 65536 bytes"),
            malformed("HMSG total above maxPayload", "HMSG foo 1 10 99999\r\n",
                "size 99999 exceeds the limit of 65536 bytes"),
            malformed("payload longer than size", "MSG foo 1 3\r\nhello\r\n",
                "payload of 3 bytes is not followed by CRLF"),
            malformed("payload shorter than size", "MSG foo 1 9\r\nhello\r\nPING\r\n",
                "payload of 9 bytes is not followed by CRLF"),
            malformed("HMSG header size above total", "HMSG foo 1 20 10\r\n",
                "HMSG header size 20 exceeds total size 10"),
            malformed("control line without LF", tooLong, "control line longer than 128 bytes"),
            malformed("control line with LF past the limit", tooLong + "\r\n", "control line longer than 128 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFrameAtItsOffset(String name, byte[] stream, String problem) {
        RecordingHandler h = RecordingHandler.parse(stream, MAX_LINE, MAX_PAYLOAD);

        assertThat(h.events).containsExactly("ping", "ok", "error@" + PREFIX.length() + ": " + problem);
        assertThat(h.error.offset()).isEqualTo(PREFIX.length());
        assertThat(h.error.excerpt()).isNotEmpty().doesNotContainPattern("[\\x00-\\x1f\\x7f-\\uffff]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFrameSplitAtEveryOffset(String name, byte[] stream, String problem) {
        List<String> expected = List.of("ping", "ok", "error@" + PREFIX.length() + ": " + problem);
        for (int cut = 0; cut <= stream.length; cut++) {
            for (int second : new int[] {cut, Math.min(stream.length, cut + 1), Math.min(stream.length, cut + 13)}) {
                RecordingHandler h = RecordingHandler.parse(stream, MAX_LINE, MAX_PAYLOAD, cut, second);
                assertThat(h.events).as("split at %d and %d", cut, second).isEqualTo(expected);
                assertThat(h.error.excerpt()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\uffff]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFrameFedByteByByte(String name, byte[] stream, String problem) {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        long fed = 0;
        try {
            for (byte b : stream) {
                parser.feed(ByteBuffer.wrap(new byte[] {b}));
                fed++;
                assertThat(parser.carriedBytes()).isLessThanOrEqualTo(MAX_LINE + 2);
            }
        } catch (ProtocolException e) {
            h.events.add(RecordingHandler.describe(e));
        }
        assertThat(h.events).containsExactly("ping", "ok", "error@" + PREFIX.length() + ": " + problem);
        assertThat(fed).as("bytes accepted before the error").isLessThan(stream.length);
    }

    @Test
    void overlongControlLineFailsOnceOverTheLimitWithoutGrowing() {
        ProtocolParser parser = new ProtocolParser(new RecordingHandler(), MAX_LINE, MAX_PAYLOAD);
        byte[] chunk = ascii("xxxxxxx");
        parser.feed(ByteBuffer.wrap(ascii("PING\r\nINFO ")));
        long fed = 11;
        try {
            while (fed < 100_000) {
                parser.feed(ByteBuffer.wrap(chunk));
                fed += chunk.length;
                assertThat(parser.carriedBytes()).isLessThanOrEqualTo(MAX_LINE + 1);
            }
        } catch (ProtocolException e) {
            assertThat(e.offset()).isEqualTo(6);
            assertThat(e.excerpt()).startsWith("INFO xxx");
        }
        assertThat(fed - 6).isLessThanOrEqualTo(MAX_LINE + 1);
    }

    @Test
    void refusesInputAfterFailureUntilReset() {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(ascii("PING\r\nNOPE\r\n"))))
            .isInstanceOf(ProtocolException.class);

        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(ascii("PING\r\n"))))
            .isInstanceOf(IllegalStateException.class);
        assertThat(h.events).containsExactly("ping");

        parser.reset();
        parser.feed(ByteBuffer.wrap(ascii("PONG\r\n")));
        assertThat(h.events).containsExactly("ping", "pong");
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(ascii("NOPE\r\n"))))
            .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.offset()).isEqualTo(6));
    }

    static Arguments malformed(String name, String bad, String problem) {
        return Arguments.of(name, ascii(PREFIX + bad), problem);
    }

    static List<String> parse(byte[] stream, int... cuts) {
        return RecordingHandler.parse(stream, MAX_LINE, MAX_PAYLOAD, cuts).events;
    }

    static Arguments fixture(String name, String stream, String... expected) {
        return Arguments.of(name, ascii(stream), List.of(expected));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
