package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import dev.relay.nats.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link HeadersCodec}: exact encoding, decode of what it encodes, and rejection of malformed blocks. */
class HeadersCodecTest {

    @Test
    void encodesPreambleThenOneLinePerValueInOrder() {
        Headers h = Headers.of("Foo", "1", "foo", "2", "Foo", "3");

        assertThat(text(HeadersCodec.encode(h))).isEqualTo("NATS/1.0\r\nFoo: 1\r\nFoo: 3\r\nfoo: 2\r\n\r\n");
    }

    @Test
    void encodesEmptyHeaders() {
        assertThat(text(HeadersCodec.encode(new Headers()))).isEqualTo("NATS/1.0\r\n\r\n");
    }

    @Test
    void roundTripsMultiValuedCaseSensitiveKeysInOrder() {
        Headers h = new Headers().add("Zeta", "z").add("Foo", "a").add("foo", "b").add("Foo", "c")
            .add("Trace-Id", "x=1; y=\u00e9").add("Empty", "");

        Headers back = decode(HeadersCodec.encode(h));

        assertThat(back).isEqualTo(h);
        assertThat(back.keys()).containsExactly("Zeta", "Foo", "foo", "Trace-Id", "Empty");
        assertThat(back.get("Foo")).containsExactly("a", "c");
        assertThat(back.get("foo")).containsExactly("b");
        assertThat(back.getIgnoreCase("FOO")).containsExactly("a", "c", "b");
        assertThat(back.first("Trace-Id")).contains("x=1; y=\u00e9");
        assertThat(back.hasStatus()).isFalse();
    }

    @Test
    void encodesValuesAsUtf8ExactlyAsStringGetBytesDoes() {
        // 1-, 2-, 3- and 4-byte characters, and unpaired surrogates (written as '?', as getBytes does)
        String[] values = {"plain", "caf\u00e9", "\u20ac 5", "\ud83d\ude00 smile", "lone \ud800 high", "lone \udc00 low",
            "end \ud83d", "", " \u00e9\u00e9 "};
        for (String v : values) {
            Headers h = new Headers().add("K", v).status(503, "Caf\u00e9 closed");
            String expected = "NATS/1.0 503 Caf\u00e9 closed\r\nK: " + v + "\r\n\r\n";
            assertThat(HeadersCodec.encode(h)).as(v).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            assertThat(Ascii.utf8Length(v)).isEqualTo(v.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void roundTripsNonAsciiValuesAndTrimsOnlyAsciiSpace() {
        Headers h = new Headers().add("Name", "Zo\u00eb \u20ac \ud83d\ude00").add("Pad", "\u00e9x\u00e9");
        byte[] block = HeadersCodec.encode(h);
        ByteBuffer direct = ByteBuffer.allocateDirect(block.length).put(block).flip();
        assertThat(HeadersCodec.decode(direct, 0, block.length, 0)).isEqualTo(h);
        byte[] spaced = "NATS/1.0\r\nK:  \t v\u00e9 \t \r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(HeadersCodec.decode(ByteBuffer.wrap(spaced), 0, spaced.length, 0).get("K"))
            .containsExactly("v\u00e9");
    }

    @Test
    void roundTripsStatusWithDescription() {
        Headers h = new Headers().status(503, "No Responders").add("A", "1");

        byte[] block = HeadersCodec.encode(h);

        assertThat(text(block)).isEqualTo("NATS/1.0 503 No Responders\r\nA: 1\r\n\r\n");
        assertThat(decode(block)).isEqualTo(h);
    }

    @Test
    void decodesStatusWithDescription() {
        Headers h = decode("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 1\r\n\r\n");

        assertThat(h.status()).isEqualTo(408);
        assertThat(h.description()).isEqualTo("Request Timeout");
        assertThat(h.get("Nats-Pending-Messages")).containsExactly("1");
    }

    @Test
    void decodesStatusOnly() {
        Headers h = decode("NATS/1.0 503\r\n\r\n");

        assertThat(h.status()).isEqualTo(503);
        assertThat(h.description()).isEmpty();
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void trimsValuesAndToleratesMissingSpaceOrFinalEmptyLine() {
        assertThat(decode("NATS/1.0\r\nA:   spaced out \t\r\nB:tight\r\n\r\n").asMap())
            .containsExactly(Map.entry("A", List.of("spaced out")), Map.entry("B", List.of("tight")));
        assertThat(decode("NATS/1.0\r\nA: 1\r\n").get("A")).containsExactly("1");
        assertThat(decode("NATS/1.0   100 Idle Heartbeat  \r\n\r\n").description()).isEqualTo("Idle Heartbeat");
    }

    @Test
    void decodesBlockInsideALargerBuffer() {
        byte[] stream = ascii("HMSG a 1 24 24\r\nNATS/1.0\r\nKey: value\r\n\r\n\r\n");
        Headers h = HeadersCodec.decode(ByteBuffer.wrap(stream), 16, 24, 16);

        assertThat(h.get("Key")).containsExactly("value");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "NATS/1.0",
        "NATS/1.1\r\n\r\n",
        "HTTP/1.0 200 OK\r\n\r\n",
        "nats/1.0\r\n\r\n",
        "NATS/1.\r\n\r\n",
        "NATS/1.0503\r\n\r\n",
        "NATS/1.0 50\r\n\r\n",
        "NATS/1.0 5030 Slow\r\n\r\n",
        "NATS/1.0 5x3\r\n\r\n",
        "NATS/1.0 099\r\n\r\n",
        "NATS/1.0 000\r\n\r\n",
        "NATS/1.0\nA: 1\n\n",
        "NATS/1.0\r\nno colon here\r\n\r\n",
        "NATS/1.0\r\n: no key\r\n\r\n",
        "NATS/1.0\r\nBad Key: 1\r\n\r\n",
        "NATS/1.0\r\nA: 1",
        "NATS/1.0\r\nA: 1\nB: 2\r\n\r\n",
    })
    void rejectsMalformedBlock(String block) {
        byte[] bytes = ascii("xxxx" + block);

        assertThatThrownBy(() -> HeadersCodec.decode(ByteBuffer.wrap(bytes), 4, bytes.length - 4, 1000))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.offset()).isEqualTo(1000);
                assertThat(e.excerpt()).doesNotContainPattern("[\\x00-\\x1f]");
            });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1\r\n\r\n",
        "NATS/1.0 5x3\r\nA: 1\r\n\r\n",
        "NATS/1.0\nA: 1\n\n",
        "NATS/1.0\r\nno colon here\r\nA: 1\r\n\r\n",
        "NATS/1.0\r\nBad Key: 1\r\nA: 1\r\n\r\n",
        "NATS/1.0\r\nA: 1",
    })
    void lenientDecodingDeliversWhatCanBeReadKeepsTheRawBlockAndNamesTheProblem(String block) {
        byte[] bytes = ascii("xxxx" + block);

        HeadersCodec.Decoded d = HeadersCodec.decodeLenient(ByteBuffer.wrap(bytes), 4, bytes.length - 4);

        assertThat(d.raw()).isEqualTo(ascii(block));
        assertThat(d.problem()).isNotBlank().doesNotContainPattern("[\\x00-\\x1f]");
        if (block.startsWith("NATS/1.0\r\n") || block.startsWith("NATS/1.0 5x3\r\n")) {
            assertThat(d.headers().get("A")).containsExactly("1");
        }
    }

    @Test
    void lenientDecodingFindsNoProblemInAWellFormedBlock() {
        byte[] bytes = ascii("NATS/1.0 503\r\nA: 1\r\n\r\n");

        HeadersCodec.Decoded d = HeadersCodec.decodeLenient(ByteBuffer.wrap(bytes), 0, bytes.length);

        assertThat(d.problem()).isNull();
        assertThat(d.headers().status()).isEqualTo(503);
        assertThat(d.headers().get("A")).containsExactly("1");
    }

    @Test
    void decodesOnlyWithinTheGivenLength() {
        byte[] bytes = ascii("NATS/1.0\r\nA: 1\r\nB: 2\r\n\r\n");

        assertThatThrownBy(() -> HeadersCodec.decode(ByteBuffer.wrap(bytes), 0, 15, 0))
            .isInstanceOf(ProtocolException.class);
        assertThat(HeadersCodec.decode(ByteBuffer.wrap(bytes), 0, 16, 0).keys()).containsExactly("A");
    }

    static Headers decode(String block) {
        return decode(ascii(block));
    }

    static Headers decode(byte[] block) {
        return HeadersCodec.decode(ByteBuffer.wrap(block), 0, block.length, 0);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
