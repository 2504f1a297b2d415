package dev.relay.rocketmq.internal.protocol;

import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Message-level encodings: the property string, batch bodies, stored messages and offset message ids;
 * pure code, no I/O. Thread-safe (stateless).
 *
 * <pre>
 * properties = (name 0x01 value 0x02)*
 * batch      = (totalSize:i32 magic:i32=0 bodyCrc:i32=0 flag:i32 bodyLength:i32 body propertiesLength:i16 properties)*
 * stored     = storeSize:i32 magic:i32 (0xDAA320A7 v1: 1-byte topic length, 0xDAA320AB v2: 2-byte)
 *              bodyCrc:i32 queueId:i32 flag:i32 queueOffset:i64 commitLogOffset:i64 sysFlag:i32
 *              bornTimestamp:i64 bornHost:(4|16 by sysFlag 0x10) bornPort:i32 storeTimestamp:i64
 *              storeHost:(4|16 by sysFlag 0x20) storePort:i32 reconsumeTimes:i32 preparedTxOffset:i64
 *              bodyLength:i32 body topicLength:(i8|i16) topic propertiesLength:i16 properties
 * offsetMsgId = HEX(storeHost, storePort:i32, commitLogOffset:i64)
 * </pre>
 */
public final class MessageCodec {
    /**
     * Largest body a stored message may inflate to: the largest frame. Producers check the body limit
     * (the broker's maxMessageSize, 4 MiB by default) before compressing, so a bigger body is hostile;
     * without a bound a 16 MiB pull result of zlib bodies could inflate to about 16 GiB.
     */
    public static final int MAX_BODY_BYTES = RemotingCodec.MAX_FRAME_BYTES;
    private static final char NAME_END = '\u0001';
    private static final char PAIR_END = '\u0002';
    private static final int MAGIC_V1 = 0xDAA320A7;
    private static final int MAGIC_V2 = 0xDAA320AB;
    private static final int FLAG_COMPRESSED = 0x1;
    private static final int FLAG_BORN_V6 = 0x10;
    private static final int FLAG_STORE_V6 = 0x20;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageCodec() {
    }

    /**
     * @param properties the properties, in the order to write them; empty values are left out
     * @return the property string
     */
    public static String encodeProperties(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        properties.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                sb.append(k).append(NAME_END).append(v).append(PAIR_END);
            }
        });
        return sb.toString();
    }

    /**
     * Decodes a property string; like the Java broker it accepts a missing final 0x02 and drops
     * pairs without a name separator or with an empty value.
     *
     * @param text the property string, may be {@code null}
     * @return the properties in wire order, mutable
     */
    public static Map<String, String> decodeProperties(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(PAIR_END, start);
            if (end < 0) {
                end = text.length();
            }
            int sep = text.indexOf(NAME_END, start);
            if (sep > start && sep < end - 1) {
                map.put(text.substring(start, sep), text.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /**
     * Encodes one message of a batch body.
     *
     * @param flag the message flag
     * @param body the body
     * @param properties the property string
     * @return the bytes to append to the batch body
     */
    public static byte[] encodeBatchEntry(int flag, byte[] body, String properties) {
        byte[] props = properties.getBytes(StandardCharsets.UTF_8);
        if (props.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("properties of " + props.length + " bytes exceed 32767");
        }
        int size = 4 + 4 + 4 + 4 + 4 + body.length + 2 + props.length;
        return ByteBuffer.allocate(size).putInt(size).putInt(0).putInt(0).putInt(flag).putInt(body.length).put(body)
            .putShort((short) props.length).put(props).array();
    }

    /**
     * Decodes all stored messages concatenated in a body (pull and query results, a view, a check).
     *
     * @param data the bytes
     * @return the messages in order
     * @throws RocketMqProtocolException if the bytes are not stored messages
     */
    public static List<ReceivedMessage> decodeStored(byte[] data) {
        List<ReceivedMessage> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            while (in.remaining() > 0) {
                int start = in.position();
                int size = in.getInt();
                if (size < 4 || size > data.length - start) {
                    throw new RocketMqProtocolException("stored message size " + size + " at offset " + start
                        + " does not fit the " + (data.length - start) + " remaining bytes");
                }
                out.add(decodeOne(ByteBuffer.wrap(data, start + 4, size - 4)));
                in.position(start + size);
            }
        } catch (BufferUnderflowException e) {
            throw new RocketMqProtocolException("stored message ends early");
        }
        return out;
    }

    private static ReceivedMessage decodeOne(ByteBuffer in) {
        int magic = in.getInt();
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new RocketMqProtocolException("stored message has unknown magic 0x" + Integer.toHexString(magic));
        }
        in.getInt(); // body CRC
        int queueId = in.getInt();
        in.getInt(); // flag
        long queueOffset = in.getLong();
        long commitLogOffset = in.getLong();
        int sysFlag = in.getInt();
        long born = in.getLong();
        byte[] bornIp = bytes(in, (sysFlag & FLAG_BORN_V6) != 0 ? 16 : 4);
        int bornPort = in.getInt();
        long stored = in.getLong();
        byte[] storeIp = bytes(in, (sysFlag & FLAG_STORE_V6) != 0 ? 16 : 4);
        int storePort = in.getInt();
        int reconsumeTimes = in.getInt();
        in.getLong(); // prepared transaction offset
        byte[] body = bytes(in, in.getInt());
        if ((sysFlag & FLAG_COMPRESSED) != 0) {
            body = inflate(body, sysFlag);
        }
        int topicLength = magic == MAGIC_V1 ? in.get() & 0xFF : in.getShort() & 0xFFFF;
        String topic = new String(bytes(in, topicLength), StandardCharsets.UTF_8);
        int propsLength = in.getShort() & 0xFFFF;
        Map<String, String> props = decodeProperties(new String(bytes(in, propsLength), StandardCharsets.UTF_8));
        String offsetMsgId = offsetMsgId(storeIp, storePort, commitLogOffset);
        String keys = props.get("KEYS");
        return new ReceivedMessage(topic, queueId, queueOffset, commitLogOffset,
            props.getOrDefault("UNIQ_KEY", offsetMsgId), offsetMsgId, body, props.get("TAGS"),
            keys == null ? List.of() : List.of(keys.split(" ")), Collections.unmodifiableMap(props),
            Instant.ofEpochMilli(born), Instant.ofEpochMilli(stored), host(bornIp, bornPort), host(storeIp, storePort),
            reconsumeTimes, sysFlag);
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        if (n < 0 || n > in.remaining()) {
            throw new RocketMqProtocolException("field length " + n + " exceeds the " + in.remaining()
                + " bytes left in the stored message");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static byte[] inflate(byte[] body, int sysFlag) {
        int type = (sysFlag >>> 8) & 0x7;
        if (type != 0 && type != 3) {
            throw new RocketMqProtocolException("message compressed with type " + type
                + " (LZ4/ZSTD) is not supported; only ZLIB");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 2, MAX_BODY_BYTES));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new RocketMqProtocolException("compressed body is truncated");
                }
                if (out.size() + n > MAX_BODY_BYTES) {
                    throw new RocketMqProtocolException("compressed body of " + body.length
                        + " bytes inflates past " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new RocketMqProtocolException("compressed body is not ZLIB data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * @param ip the store host's address bytes (4 or 16)
     * @param port the store host's port
     * @param commitLogOffset the commit log offset
     * @return the offset message id, uppercase hex
     */
    public static String offsetMsgId(byte[] ip, int port, long commitLogOffset) {
        return HEX.formatHex(ByteBuffer.allocate(ip.length + 12).put(ip).putInt(port).putLong(commitLogOffset).array());
    }

    /**
     * Splits an offset message id into the broker address and commit log offset.
     *
     * @param offsetMsgId 32 (IPv4) or 56 (IPv6) hex digits
     * @return the decoded id
     * @throws IllegalArgumentException if the text is not such an id
     */
    public static OffsetMsgId decodeOffsetMsgId(String offsetMsgId) {
        if (offsetMsgId == null || (offsetMsgId.length() != 32 && offsetMsgId.length() != 56)) {
            throw new IllegalArgumentException("offsetMsgId '" + offsetMsgId + "' must be 32 or 56 hex digits");
        }
        byte[] raw;
        try {
            raw = HEX.parseHex(offsetMsgId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("offsetMsgId '" + offsetMsgId + "' is not hexadecimal", e);
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        byte[] ip = new byte[raw.length - 12];
        in.get(ip);
        int port = in.getInt();
        return new OffsetMsgId(host(ip, port), in.getLong());
    }

    /**
     * A decoded offset message id.
     *
     * @param brokerAddress {@code host:port} of the storing broker
     * @param commitLogOffset the offset in its commit log
     */
    public record OffsetMsgId(String brokerAddress, long commitLogOffset) {
    }

    private static String host(byte[] ip, int port) {
        if (ip.length == 4) {
            return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF) + ":" + port;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 16; i += 2) {
            sb.append(i == 0 ? "" : ":").append(Integer.toHexString((ip[i] & 0xFF) << 8 | ip[i + 1] & 0xFF));
        }
        return sb.append("]:").append(port).toString();
    }
}
