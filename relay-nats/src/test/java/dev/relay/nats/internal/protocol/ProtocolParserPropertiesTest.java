package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Headers;
import dev.relay.nats.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of {@link ProtocolParser}: chunks never change the outcome; hostile bytes end in ProtocolException only. */
class ProtocolParserPropertiesTest {
    static final int MAX_LINE = 1024;
    static final int MAX_PAYLOAD = 64 * 1024;
    /** A whole frame: control line and CRLF, payload and CRLF. */
    static final int MAX_CARRY = MAX_LINE + 2 + MAX_PAYLOAD + 2;

    /** One server frame: its bytes and the event it must produce (built only when compared, for fast shrinking). */
    record Frame(byte[] wire, Supplier<String> event) {
        @Override
        public String toString() {
            return RecordingHandler.escape(wire);
        }
    }

    /** One edit of a byte stream: overwrite, delete, insert, truncate or duplicate at a position. */
    record Mutation(int kind, int where, int len, byte value) {
        byte[] apply(byte[] s) {
            if (s.length == 0) {
                return s;
            }
            int at = where % s.length;
            int n = Math.min(len, s.length - at);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(s, 0, at);
            switch (kind) {
                case 0 -> out.write(value);
                case 1 -> { }
                case 2 -> out.writeBytes(repeat(value, len));
                case 3 -> {
                    return out.toByteArray();
                }
                default -> out.write(s, at, n);
            }
            int rest = kind == 2 || kind == 4 ? at : kind == 0 ? at + 1 : at + n;
            out.write(s, rest, s.length - rest);
            return out.toByteArray();
        }
    }

    @Property(tries = 300)
    void chunkingNeverChangesTheEvents(@ForAll("frames") List<Frame> frames,
                                       @ForAll("chunkSizes") List<Integer> sizes) {
        byte[] stream = concat(frames.stream().map(Frame::wire).toList());
        List<String> expected = frames.stream().map(f -> f.event().get()).toList();

        assertThat(RecordingHandler.parse(stream, MAX_LINE, MAX_PAYLOAD).events).isEqualTo(expected);
        assertThat(RecordingHandler.parseInChunks(stream, MAX_LINE, MAX_PAYLOAD, sizes).events).isEqualTo(expected);
    }

    @Property(tries = 400)
    void hostileBytesEndOnlyInProtocolException(@ForAll("hostile") byte[] stream,
                                                @ForAll("chunkSizes") List<Integer> sizes) {
        checkHostile(stream, sizes);
    }

    @Property(tries = 400)
    void mutatedStreamsEndOnlyInProtocolException(@ForAll("frames") List<Frame> frames,
                                                  @ForAll("mutations") List<Mutation> mutations,
                                                  @ForAll("chunkSizes") List<Integer> sizes) {
        byte[] stream = concat(frames.stream().map(Frame::wire).toList());
        for (Mutation m : mutations) {
            stream = m.apply(stream);
        }
        checkHostile(stream, sizes);
    }

    /**
     * Feeds the stream in chunks: each feed consumes its input or throws a ProtocolException (any other
     * exception fails the property), the carried bytes stay within one maximal frame, and the outcome is
     * the one of a single whole feed.
     */
    static void checkHostile(byte[] stream, List<Integer> sizes) {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, MAX_LINE, MAX_PAYLOAD);
        int at = 0;
        try {
            for (int i = 0; at < stream.length; i++) {
                int len = Math.min(stream.length - at, sizes.get(i % sizes.size()));
                ByteBuffer chunk = ByteBuffer.wrap(stream, at, len);
                parser.feed(chunk);
                assertThat(chunk.hasRemaining()).isFalse();
                assertThat(parser.carriedBytes()).isLessThanOrEqualTo(MAX_CARRY);
                at = chunk.limit();
            }
        } catch (ProtocolException e) {
            h.events.add(RecordingHandler.describe(e));
            assertThat(e.offset()).isBetween(0L, (long) stream.length);
            assertThat(e.excerpt()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\uffff]");
        }
        assertThat(h.events).isEqualTo(RecordingHandler.parse(stream, MAX_LINE, MAX_PAYLOAD).events);
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        Arbitrary<Frame> simple = Arbitraries.of(
            frame("PING\r\n", "ping"), frame("pong\r\n", "pong"), frame("+OK\n", "ok"),
            frame("INFO {\"max_payload\":65536}\r\n", "info {\"max_payload\":65536}"),
            frame("-ERR 'Stale Connection'\r\n", "err Stale Connection"));
        return Arbitraries.frequencyOf(Tuple.of(4, msg()), Tuple.of(1, simple)).list().ofMinSize(1).ofMaxSize(12);
    }

    Arbitrary<Frame> msg() {
        return Combinators.combine(
            subjects(),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            subjects().injectNull(0.5),
            headers().injectNull(0.5),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
            Arbitraries.of(" ", "\t", "  ", " \t"),
            Arbitraries.of("\r\n", "\r\n", "\n"),
            Arbitraries.of(false, true)
        ).as(ProtocolParserPropertiesTest::msgFrame);
    }

    static Frame msgFrame(String subject, long sid, String reply, Headers headers, byte[] data, String sp, String eol,
                          boolean lowerCase) {
        byte[] block = headers == null ? new byte[0] : HeadersCodec.encode(headers);
        String op = headers == null ? "MSG" : "HMSG";
        String line = (lowerCase ? op.toLowerCase() : op) + sp + subject + sp + sid + (reply == null ? "" : sp + reply)
            + (headers == null ? "" : sp + block.length) + sp + (block.length + data.length) + eol;
        byte[] wire = concat(List.of(line.getBytes(StandardCharsets.UTF_8), block, data, ascii("\r\n")));
        return new Frame(wire, () -> RecordingHandler.msgEvent(subject, sid, reply, block, data));
    }

    Arbitrary<String> subjects() {
        return Arbitraries.strings().withChars("abcxyzABC019_-$>*\u00e9\u65e5").ofMinLength(1).ofMaxLength(8)
            .list().ofMinSize(1).ofMaxSize(4).map(tokens -> String.join(".", tokens));
    }

    Arbitrary<Headers> headers() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('!', '~').excludeChars(':')
            .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> values = Arbitraries.strings().withChars("abc XYZ09-=;:\u00e9").ofMaxLength(12);
        Arbitrary<List<String[]>> pairs = Combinators.combine(keys, values).as((k, v) -> new String[] {k, v})
            .list().ofMaxSize(4);
        return Combinators.combine(pairs, Arbitraries.of(0, 0, 100, 503)).as((kv, status) -> {
            Headers h = new Headers();
            kv.forEach(p -> h.add(p[0], p[1]));
            return status == 0 ? h : h.status(status, status == 100 ? "Idle Heartbeat" : "");
        });
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(1, 8)),
            Tuple.of(2, Arbitraries.integers().between(9, 300)),
            Tuple.of(1, Arbitraries.integers().between(301, 5000))
        ).list().ofMinSize(1).ofMaxSize(16);
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> token = Arbitraries.oneOf(
            Arbitraries.of("MSG ", "HMSG ", "msg\t", "PING", "PONG", "INFO ", "+OK", "-ERR ", "NATS/1.0", "foo", "a.b",
                "'", "\r\n", "\r\n", "\n", "\r", " ", " ", " ", "\t", "\u000b", "-")
                .map(ProtocolParserPropertiesTest::ascii),
            Arbitraries.longs().between(-5, 99_999).map(n -> ascii(Long.toString(n))),
            Arbitraries.of("65536", "65537", "1024", "99999999999", "9223372036854775807", "9223372036854775808")
                .map(ProtocolParserPropertiesTest::ascii),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8));
        return Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
            token.list().ofMaxSize(200).map(ProtocolParserPropertiesTest::concat));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 1_000_000),
            Arbitraries.integers().between(1, 20),
            Arbitraries.of((byte) ' ', (byte) '\r', (byte) '\n', (byte) '0', (byte) 'x', (byte) 0xff)
        ).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    static Frame frame(String wire, String event) {
        return new Frame(ascii(wire), () -> event);
    }

    static byte[] repeat(byte b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
