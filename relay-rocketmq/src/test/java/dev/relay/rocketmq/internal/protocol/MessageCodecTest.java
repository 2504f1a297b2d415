package dev.relay.rocketmq.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void propertiesRoundTripInOrder() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("TAGS", "a");
        p.put("KEYS", "k1 k2");
        p.put("empty", "");
        String text = MessageCodec.encodeProperties(p);
        assertThat(text).isEqualTo("TAGS\u0001a\u0002KEYS\u0001k1 k2\u0002");
        assertThat(MessageCodec.decodeProperties(text)).containsExactly(Map.entry("TAGS", "a"), Map.entry("KEYS", "k1 k2"));
    }

    @Test
    void propertiesWithoutTheFinalSeparatorAndBrokenPairsAreTolerated() {
        assertThat(MessageCodec.decodeProperties("A\u0001x\u0002junk\u0002B\u0001y")).containsExactly(
            Map.entry("A", "x"), Map.entry("B", "y"));
        assertThat(MessageCodec.decodeProperties(null)).isEmpty();
    }

    @Test
    void batchEntryLayout() {
        byte[] entry = MessageCodec.encodeBatchEntry(3, new byte[] {9, 9}, "K\u0001v\u0002");
        ByteBuffer b = ByteBuffer.wrap(entry);
        assertThat(b.getInt()).isEqualTo(entry.length);
        assertThat(b.getInt()).isZero();
        assertThat(b.getInt()).isZero();
        assertThat(b.getInt()).isEqualTo(3);
        assertThat(b.getInt()).isEqualTo(2);
        b.position(b.position() + 2);
        assertThat(b.getShort()).isEqualTo((short) 4);
    }

    @Test
    void offsetMsgIdRoundTrips() {
        String id = MessageCodec.offsetMsgId(new byte[] {127, 0, 0, 1}, 10911, 813);
        assertThat(id).isEqualTo("7F00000100002A9F000000000000032D");
        MessageCodec.OffsetMsgId decoded = MessageCodec.decodeOffsetMsgId(id);
        assertThat(decoded.brokerAddress()).isEqualTo("127.0.0.1:10911");
        assertThat(decoded.commitLogOffset()).isEqualTo(813);
        assertThatThrownBy(() -> MessageCodec.decodeOffsetMsgId("XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCodec.decodeOffsetMsgId("Z".repeat(32))).hasMessageContaining("hexadecimal");
    }

    @Test
    void decodesConcatenatedStoredMessages() {
        byte[] one = stored("TopicA", "first".getBytes(StandardCharsets.UTF_8), 0, "TAGS\u0001t\u0002KEYS\u0001a b\u0002UNIQ_KEY\u0001U1\u0002", 5);
        byte[] two = stored("TopicA", "second".getBytes(StandardCharsets.UTF_8), 0, "", 6);
        byte[] both = ByteBuffer.allocate(one.length + two.length).put(one).put(two).array();

        List<ReceivedMessage> messages = MessageCodec.decodeStored(both);

        assertThat(messages).hasSize(2);
        ReceivedMessage m = messages.get(0);
        assertThat(m.topic()).isEqualTo("TopicA");
        assertThat(m.bodyAsString()).isEqualTo("first");
        assertThat(m.tags()).isEqualTo("t");
        assertThat(m.keys()).containsExactly("a", "b");
        assertThat(m.msgId()).isEqualTo("U1");
        assertThat(m.queueOffset()).isEqualTo(5);
        assertThat(m.storeHost()).isEqualTo("127.0.0.1:10911");
        assertThat(m.offsetMsgId()).isEqualTo(MessageCodec.offsetMsgId(new byte[] {127, 0, 0, 1}, 10911, 1000));
        assertThat(messages.get(1).msgId()).isEqualTo(messages.get(1).offsetMsgId());
    }

    @Test
    void inflatesZlibBodies() {
        Deflater d = new Deflater();
        d.setInput("zipped body".getBytes(StandardCharsets.UTF_8));
        d.finish();
        byte[] buf = new byte[100];
        int n = d.deflate(buf);
        byte[] compressed = java.util.Arrays.copyOf(buf, n);
        ReceivedMessage m = MessageCodec.decodeStored(stored("T", compressed, 0x1, "", 0)).get(0);
        assertThat(m.bodyAsString()).isEqualTo("zipped body");
    }

    @Test
    void refusesAZlibBodyThatInflatesPastTheBodyLimit() {
        // 16 KiB on the wire, 16 MiB + 1 inflated: a frame of such bodies would have inflated to gigabytes
        int limit = MessageCodec.MAX_BODY_BYTES;
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(new byte[limit + 1]);
        d.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            compressed.write(buf, 0, d.deflate(buf));
        }
        d.end();
        byte[] bomb = stored("T", compressed.toByteArray(), 0x1, "", 0);

        assertThatThrownBy(() -> MessageCodec.decodeStored(bomb)).isInstanceOf(RocketMqProtocolException.class)
            .hasMessageContaining("inflates past " + limit);
    }

    @Test
    void rejectsTruncatedAndForeignData() {
        byte[] good = stored("T", new byte[] {1}, 0, "", 0);
        assertThatThrownBy(() -> MessageCodec.decodeStored(java.util.Arrays.copyOf(good, good.length - 3)))
            .isInstanceOf(RocketMqProtocolException.class);
        byte[] badMagic = good.clone();
        ByteBuffer.wrap(badMagic).putInt(4, 0x12345678);
        assertThatThrownBy(() -> MessageCodec.decodeStored(badMagic)).hasMessageContaining("magic");
    }

    /** Writes a stored message (v1 magic) the way the broker does. */
    static byte[] stored(String topic, byte[] body, int sysFlag, String props, long queueOffset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = props.getBytes(StandardCharsets.UTF_8);
        int size = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 4 + 8 + 4 + body.length + 1 + t.length + 2 + p.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(size).putInt(0xDAA320A7).putInt(0).putInt(2).putInt(0).putLong(queueOffset).putLong(1000)
            .putInt(sysFlag).putLong(1_700_000_000_000L).put(new byte[] {10, 0, 0, 1}).putInt(5555)
            .putLong(1_700_000_000_001L).put(new byte[] {127, 0, 0, 1}).putInt(10911).putInt(0).putLong(0)
            .putInt(body.length).put(body).put((byte) t.length).put(t).putShort((short) p.length).put(p);
        out.writeBytes(b.array());
        return out.toByteArray();
    }
}
