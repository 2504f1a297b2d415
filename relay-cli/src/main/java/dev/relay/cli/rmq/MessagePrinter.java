package dev.relay.cli.rmq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.rocketmq.ReceivedMessage;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Prints received messages for {@code view} and {@code consume}: one JSON object per line, or a short
 * human form. Stateless, thread-safe.
 */
final class MessagePrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessagePrinter() {
    }

    static void print(PrintWriter out, ReceivedMessage m, boolean json) {
        if (json) {
            out.println(json(m).toString());
            return;
        }
        out.printf("[%s %d:%d] msgId=%s tags=%s keys=%s %s%n", m.topic(), m.queueId(), m.queueOffset(), m.msgId(),
            m.tags() == null ? "-" : m.tags(), m.keys().isEmpty() ? "-" : String.join(",", m.keys()), text(m.body()));
    }

    static ObjectNode json(ReceivedMessage m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", m.topic()).put("queueId", m.queueId()).put("queueOffset", m.queueOffset())
            .put("msgId", m.msgId()).put("offsetMsgId", m.offsetMsgId());
        if (m.tags() != null) {
            n.put("tags", m.tags());
        }
        m.keys().forEach(n.putArray("keys")::add);
        ObjectNode props = n.putObject("properties");
        m.properties().forEach(props::put);
        String text = utf8(m.body());
        if (text != null) {
            n.put("body", text);
        } else {
            n.put("body_b64", Base64.getEncoder().encodeToString(m.body()));
        }
        n.put("bornTimestamp", m.bornTimestamp().toString()).put("storeTimestamp", m.storeTimestamp().toString())
            .put("bornHost", m.bornHost()).put("storeHost", m.storeHost());
        return n;
    }

    private static String text(byte[] body) {
        String s = utf8(body);
        return s != null ? s : "(" + body.length + " bytes, not UTF-8)";
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
