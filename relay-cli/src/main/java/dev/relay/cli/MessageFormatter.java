package dev.relay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns received messages into text for {@code relay sub} and {@code relay req}: a readable block, or
 * exactly one JSON object per line. Thread-safe: the clock and the Jackson mapper are thread-safe and
 * nothing else is kept.
 *
 * <p>JSON line: {@code {"subject":…, "reply":… (only when set), "headers":{"K":["v1","v2"]} (only when
 * set), "payload":"text" — or "payload_b64":"…" when the bytes are not valid UTF-8 —, "received":
 * ISO-8601 instant}}.
 */
public final class MessageFormatter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    /**
     * Creates a formatter.
     *
     * @param clock stamps {@code received} in JSON lines
     */
    public MessageFormatter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Formats a message for people: {@code [#1] subject (reply: r) 5 bytes}, one {@code   K: v} line
     * per header value, then the payload (base64, marked as such, when it is not UTF-8 text).
     *
     * @param number the 1-based count of messages received so far
     * @param message the message
     * @return the lines, each ending with a newline
     */
    public String human(long number, Message message) {
        return human(number, message.subject(), message.replyTo().orElse(null), message.headers(), message.data());
    }

    /**
     * Formats message parts for people; see {@link #human(long, Message)}.
     *
     * @param number the 1-based count of messages received so far
     * @param subject the subject
     * @param reply the reply subject, or null
     * @param headers the headers, possibly empty
     * @param data the payload
     * @return the lines, each ending with a newline
     */
    public String human(long number, String subject, String reply, Headers headers, byte[] data) {
        StringBuilder out = new StringBuilder(64 + data.length);
        out.append("[#").append(number).append("] ").append(subject);
        if (reply != null) {
            out.append(" (reply: ").append(reply).append(')');
        }
        out.append(' ').append(data.length).append(data.length == 1 ? " byte" : " bytes").append('\n');
        out.append(headerLines(headers, "  "));
        if (data.length > 0) {
            out.append(bodyText(data)).append('\n');
        }
        return out.toString();
    }

    /**
     * Formats a message as one JSON object, without a line break.
     *
     * @param message the message
     * @return the JSON text on one line
     */
    public String jsonLine(Message message) {
        return jsonLine(message.subject(), message.replyTo().orElse(null), message.headers(), message.data());
    }

    /**
     * Formats message parts as one JSON object, without a line break; see the class comment.
     *
     * @param subject the subject
     * @param reply the reply subject, or null to leave the field out
     * @param headers the headers; left out when empty
     * @param data the payload
     * @return the JSON text on one line
     */
    public String jsonLine(String subject, String reply, Headers headers, byte[] data) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", subject);
        if (reply != null) {
            node.put("reply", reply);
        }
        if (headers != null && !headers.isEmpty()) {
            ObjectNode h = node.putObject("headers");
            for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
                ArrayNode values = h.putArray(e.getKey());
                e.getValue().forEach(values::add);
            }
        }
        Optional<String> text = utf8(data);
        if (text.isPresent()) {
            node.put("payload", text.get());
        } else {
            node.put("payload_b64", Base64.getEncoder().encodeToString(data));
        }
        node.put("received", clock.instant().toString());
        try {
            return JSON.writeValueAsString(node); // the default printer writes no line breaks
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings", e);
        }
    }

    /**
     * Formats headers as {@code K: v} lines, one per value, in order.
     *
     * @param headers the headers, possibly null or empty
     * @param indent put before each line
     * @return the lines, each ending with a newline; empty when there are no headers
     */
    public static String headerLines(Headers headers, String indent) {
        if (headers == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            for (String v : e.getValue()) {
                out.append(indent).append(e.getKey()).append(": ").append(v).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The payload as text when it is valid UTF-8, else {@code (binary, base64) …}.
     *
     * @param data the payload
     * @return printable text
     */
    public static String bodyText(byte[] data) {
        return utf8(data).orElseGet(() -> "(binary, base64) " + Base64.getEncoder().encodeToString(data));
    }

    /**
     * Decodes bytes as UTF-8 strictly: malformed or unmappable input is reported, never replaced.
     *
     * @param data the bytes
     * @return the text, or empty when the bytes are not valid UTF-8
     */
    public static Optional<String> utf8(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
