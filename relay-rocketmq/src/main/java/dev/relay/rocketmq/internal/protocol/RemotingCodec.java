package dev.relay.rocketmq.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes and decodes remoting frames; pure code, no I/O. Thread-safe (stateless).
 *
 * <pre>
 * frame   = totalLength:int32  headerWord:int32  header:byte[headerLength]  body:byte[*]
 *           totalLength = 4 + headerLength + bodyLength (it does not count itself)
 *           headerWord  = serializeType:int8 (0 JSON, 1 ROCKETMQ) &lt;&lt; 24 | headerLength:int24
 * JSON     {"code":int,"language":"NAME","version":int,"opaque":int,"flag":int,"remark":str?,"extFields":{str:str}}
 * ROCKETMQ code:int16 language:int8 version:int16 opaque:int32 flag:int32
 *          remarkLength:int32 remark:utf8  extLength:int32 (keyLength:int16 key valueLength:int32 value)*
 * </pre>
 * All integers are big-endian. {@link #decode} takes the frame without its total-length prefix (the
 * transport's length-field decoder strips it); {@link #encode} writes the whole frame.
 */
public final class RemotingCodec {
    /** Largest frame accepted (the servers' default {@code com.rocketmq.remoting.frameMaxLength}). */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LANGUAGES = {"JAVA", "CPP", "DOTNET", "PYTHON", "DELPHI", "ERLANG", "RUBY",
        "OTHER", "HTTP", "GO", "PHP", "OMS", "RUST", "NODE_JS"};

    private RemotingCodec() {
    }

    /**
     * Encodes a whole frame, length prefix included.
     *
     * @param command the command
     * @param type how to write the header
     * @return the frame bytes
     */
    public static byte[] encode(RemotingCommand command, SerializeType type) {
        byte[] header = type == SerializeType.JSON ? jsonHeader(command) : binaryHeader(command);
        byte[] body = command.body();
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + body.length);
        out.putInt(4 + header.length + body.length);
        out.putInt(type.code() << 24 | header.length);
        out.put(header).put(body);
        return out.array();
    }

    /**
     * Decodes one frame whose total-length prefix was already removed.
     *
     * @param frame the bytes after the total length: header word, header, body
     * @return the command
     * @throws RocketMqProtocolException if the bytes break the grammar
     */
    public static RemotingCommand decode(byte[] frame) {
        if (frame.length < 4) {
            throw new RocketMqProtocolException("frame of " + frame.length + " bytes has no header length");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int word = in.getInt();
        SerializeType type = SerializeType.of((word >>> 24) & 0xFF);
        int headerLength = word & 0xFFFFFF;
        if (headerLength > frame.length - 4) {
            throw new RocketMqProtocolException("header length " + headerLength + " exceeds the frame's "
                + (frame.length - 4) + " remaining bytes");
        }
        RemotingCommand command = type == SerializeType.JSON
            ? readJsonHeader(frame, 4, headerLength) : readBinaryHeader(ByteBuffer.wrap(frame, 4, headerLength));
        byte[] body = new byte[frame.length - 4 - headerLength];
        System.arraycopy(frame, 4 + headerLength, body, 0, body.length);
        return command.body(body);
    }

    private static byte[] jsonHeader(RemotingCommand c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", c.code());
        node.put("language", languageName(c.language()));
        node.put("version", c.version());
        node.put("opaque", c.opaque());
        node.put("flag", c.flag());
        if (c.remark() != null) {
            node.put("remark", c.remark());
        }
        ObjectNode ext = node.putObject("extFields");
        c.extFields().forEach(ext::put);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON header", e);
        }
    }

    private static RemotingCommand readJsonHeader(byte[] frame, int offset, int length) {
        JsonNode node;
        try {
            node = JSON.readTree(frame, offset, length);
        } catch (java.io.IOException e) {
            throw new RocketMqProtocolException("JSON header is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.has("code")) {
            throw new RocketMqProtocolException("JSON header is not an object with a code");
        }
        RemotingCommand c = new RemotingCommand().code(node.path("code").asInt())
            .language(languageCode(node.path("language").asText("OTHER")))
            .version(node.path("version").asInt()).opaque(node.path("opaque").asInt())
            .flag(node.path("flag").asInt());
        JsonNode remark = node.get("remark");
        if (remark != null && !remark.isNull()) {
            c.remark(remark.asText());
        }
        JsonNode ext = node.get("extFields");
        if (ext != null && ext.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ext.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    c.extFields().put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return c;
    }

    private static byte[] binaryHeader(RemotingCommand c) {
        byte[] remark = c.remark() == null ? new byte[0] : c.remark().getBytes(StandardCharsets.UTF_8);
        int extLength = 0;
        byte[][] kv = new byte[c.extFields().size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> e : c.extFields().entrySet()) {
            kv[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            kv[i + 1] = e.getValue().getBytes(StandardCharsets.UTF_8);
            extLength += 2 + kv[i].length + 4 + kv[i + 1].length;
            i += 2;
        }
        ByteBuffer out = ByteBuffer.allocate(2 + 1 + 2 + 4 + 4 + 4 + remark.length + 4 + extLength);
        out.putShort((short) c.code()).put((byte) c.language()).putShort((short) c.version())
            .putInt(c.opaque()).putInt(c.flag()).putInt(remark.length).put(remark).putInt(extLength);
        for (int k = 0; k < kv.length; k += 2) {
            out.putShort((short) kv[k].length).put(kv[k]).putInt(kv[k + 1].length).put(kv[k + 1]);
        }
        return out.array();
    }

    private static RemotingCommand readBinaryHeader(ByteBuffer in) {
        try {
            RemotingCommand c = new RemotingCommand().code(in.getShort()).language(in.get())
                .version(in.getShort()).opaque(in.getInt()).flag(in.getInt());
            String remark = readString(in, in.getInt());
            if (!remark.isEmpty()) {
                c.remark(remark);
            }
            int extLength = in.getInt();
            checkLength(in, extLength, "ext fields");
            int end = in.position() + extLength;
            while (in.position() < end) {
                String key = readString(in, in.getShort() & 0xFFFF);
                String value = readString(in, in.getInt());
                c.extFields().put(key, value);
            }
            if (in.position() != end) {
                throw new RocketMqProtocolException("ext fields overrun their declared length " + extLength);
            }
            return c;
        } catch (BufferUnderflowException e) {
            throw new RocketMqProtocolException("binary header ends early");
        }
    }

    private static String readString(ByteBuffer in, int length) {
        checkLength(in, length, "string");
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static void checkLength(ByteBuffer in, int length, String what) {
        if (length < 0 || length > in.remaining()) {
            throw new RocketMqProtocolException(what + " length " + length + " exceeds the header's "
                + in.remaining() + " remaining bytes");
        }
    }

    private static String languageName(int code) {
        return code >= 0 && code < LANGUAGES.length ? LANGUAGES[code] : "OTHER";
    }

    private static int languageCode(String name) {
        for (int i = 0; i < LANGUAGES.length; i++) {
            if (LANGUAGES[i].equals(name)) {
                return i;
            }
        }
        return RemotingCommand.LANGUAGE_OTHER;
    }
}
