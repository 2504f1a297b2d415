package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageFormatter formatter = new MessageFormatter(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void utf8TextIsPayloadWithOnlyTheFieldsThatAreSet() {
        String line = formatter.jsonLine("orders.new", null, new Headers(), utf8("héllo \uD83D\uDE80"));

        assertThat(line).isEqualTo("{\"subject\":\"orders.new\",\"payload\":\"héllo \uD83D\uDE80\","
                + "\"received\":\"2026-01-02T03:04:05.123456Z\"}");
    }

    @Test
    void replyAndMultiValuedHeadersAreIncludedInOrder() throws Exception {
        Headers h = Headers.of("Trace-Id", "abc").add("Tag", "eu").add("Tag", "vip");

        JsonNode node = JSON.readTree(formatter.jsonLine("orders.new", "_INBOX.x", h, utf8("{}")));

        assertThat(node.get("reply").asText()).isEqualTo("_INBOX.x");
        assertThat(node.get("headers").toString()).isEqualTo("{\"Trace-Id\":[\"abc\"],\"Tag\":[\"eu\",\"vip\"]}");
        assertThat(node.get("payload").asText()).isEqualTo("{}");
        assertThat(node.fieldNames()).toIterable()
                .containsExactly("subject", "reply", "headers", "payload", "received");
    }

    @Test
    void invalidUtf8IsBase64InsteadOfPayload() throws Exception {
        byte[][] invalid = {
            {(byte) 0xFF},                          // never valid in UTF-8
            {(byte) 0xC3, 0x28},                    // a lead byte without its continuation
            {(byte) 0xC0, (byte) 0x80},             // overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate encoded as UTF-8
            {'o', 'k', (byte) 0xE2, (byte) 0x82},   // text cut inside a character
        };
        for (byte[] data : invalid) {
            JsonNode node = JSON.readTree(formatter.jsonLine("bin", null, null, data));
            assertThat(node.has("payload")).isFalse();
            assertThat(Base64.getDecoder().decode(node.get("payload_b64").asText())).isEqualTo(data);
        }
    }

    @Test
    void controlCharactersAndNewlinesStayOnOneLine() throws Exception {
        String line = formatter.jsonLine("s", null, null, utf8("a\nb\r\n\u0000\t\"q\""));

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(JSON.readTree(line).get("payload").asText()).isEqualTo("a\nb\r\n\u0000\t\"q\"");
    }

    @Test
    void emptyPayloadIsEmptyText() throws Exception {
        assertThat(JSON.readTree(formatter.jsonLine("s", null, null, new byte[0])).get("payload").asText()).isEmpty();
    }

    @Test
    void humanFormatShowsNumberReplySizeHeadersAndBody() {
        Headers h = Headers.of("Tag", "a").add("Tag", "b");

        assertThat(formatter.human(1, "orders.new", "r.1", h, utf8("hello")))
                .isEqualTo("[#1] orders.new (reply: r.1) 5 bytes\n  Tag: a\n  Tag: b\nhello\n");
        assertThat(formatter.human(2, "x", null, new Headers(), utf8("!")))
                .isEqualTo("[#2] x 1 byte\n!\n");
        assertThat(formatter.human(3, "x", null, new Headers(), new byte[0])).isEqualTo("[#3] x 0 bytes\n");
        assertThat(formatter.human(4, "x", null, new Headers(), new byte[] {(byte) 0xFF, 0x00}))
                .isEqualTo("[#4] x 2 bytes\n(binary, base64) /wA=\n");
    }

    @Test
    void strictUtf8DecodingAcceptsEveryValidText() {
        assertThat(MessageFormatter.utf8(utf8("plain ascii"))).contains("plain ascii");
        assertThat(MessageFormatter.utf8(utf8("ünïcødé 日本 \uD83D\uDE80"))).contains("ünïcødé 日本 \uD83D\uDE80");
        assertThat(MessageFormatter.utf8(new byte[0])).contains("");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
