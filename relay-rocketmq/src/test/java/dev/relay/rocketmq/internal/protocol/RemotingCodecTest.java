package dev.relay.rocketmq.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.RocketMqProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class RemotingCodecTest {

    private static RemotingCommand sample() {
        return RemotingCommand.request(310).opaque(42).remark("r\u00e9mark").ext("a", "pg").ext("b", "Topic")
            .ext("i", "TAGS\u0001t\u0002").body("body".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] withoutLength(byte[] frame) {
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void roundTripsEveryField(SerializeType type) {
        RemotingCommand decoded = RemotingCodec.decode(withoutLength(RemotingCodec.encode(sample(), type)));

        assertThat(decoded.code()).isEqualTo(310);
        assertThat(decoded.opaque()).isEqualTo(42);
        assertThat(decoded.version()).isEqualTo(RemotingCommand.CLIENT_VERSION);
        assertThat(decoded.language()).isEqualTo(RemotingCommand.LANGUAGE_OTHER);
        assertThat(decoded.remark()).isEqualTo("r\u00e9mark");
        assertThat(decoded.extFields()).containsExactly(java.util.Map.entry("a", "pg"), java.util.Map.entry("b", "Topic"),
            java.util.Map.entry("i", "TAGS\u0001t\u0002"));
        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(decoded.isResponse()).isFalse();
    }

    @Test
    void headerWordCarriesTheSerializeTypeInItsHighByte() {
        byte[] frame = RemotingCodec.encode(sample(), SerializeType.ROCKETMQ);
        int word = ByteBuffer.wrap(frame).getInt(4);
        assertThat(word >>> 24).isEqualTo(1);
        assertThat(RemotingCodec.encode(sample(), SerializeType.JSON)[4]).isZero();
    }

    @Test
    void decodesAServerStyleJsonResponse() {
        String json = "{\"code\":17,\"extFields\":{\"queueId\":\"3\",\"n\":null},\"flag\":1,\"language\":\"JAVA\","
            + "\"opaque\":7,\"remark\":\"No topic route info\",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(4 + header.length + 2).putInt(header.length).put(header).put(new byte[] {1, 2}).array();

        RemotingCommand c = RemotingCodec.decode(frame);

        assertThat(c.isResponse()).isTrue();
        assertThat(c.code()).isEqualTo(17);
        assertThat(c.language()).isZero();
        assertThat(c.remark()).isEqualTo("No topic route info");
        assertThat(c.extFields()).containsOnlyKeys("queueId");
        assertThat(c.body()).containsExactly(1, 2);
    }

    @Test
    void onewayFlagIsKept() {
        RemotingCommand c = RemotingCommand.request(37).markOneway();
        assertThat(RemotingCodec.decode(withoutLength(RemotingCodec.encode(c, SerializeType.JSON))).isOneway()).isTrue();
    }

    @Test
    void rejectsAHeaderLongerThanTheFrame() {
        byte[] frame = ByteBuffer.allocate(8).putInt(100).putInt(0).array();
        assertThatThrownBy(() -> RemotingCodec.decode(frame)).isInstanceOf(RocketMqProtocolException.class)
            .hasMessageContaining("header length 100");
    }

    @Test
    void rejectsAnUnknownSerializeType() {
        byte[] frame = ByteBuffer.allocate(4).putInt(5 << 24).array();
        assertThatThrownBy(() -> RemotingCodec.decode(frame)).isInstanceOf(RocketMqProtocolException.class)
            .hasMessageContaining("serialize type 5");
    }

    @Test
    void rejectsBinaryExtFieldsOverrunningTheHeader() {
        byte[] good = withoutLength(RemotingCodec.encode(sample(), SerializeType.ROCKETMQ));
        int headerLength = ByteBuffer.wrap(good).getInt() & 0xFFFFFF;
        byte[] cut = Arrays.copyOf(good, 4 + headerLength);
        ByteBuffer.wrap(cut).putInt(0, 1 << 24 | (headerLength - 3));
        assertThatThrownBy(() -> RemotingCodec.decode(cut)).isInstanceOf(RocketMqProtocolException.class);
    }

    @Property(tries = 300)
    void hostileBytesEndInAProtocolErrorOrACommand(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            RemotingCodec.decode(bytes);
        } catch (RocketMqProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void binaryHeadersWithRandomFieldsRoundTrip(@ForAll String key, @ForAll String value, @ForAll int opaque) {
        RemotingCommand c = RemotingCommand.request(11).opaque(opaque).ext(key.isEmpty() ? "k" : key, value);
        RemotingCommand back = RemotingCodec.decode(withoutLength(RemotingCodec.encode(c, SerializeType.ROCKETMQ)));
        assertThat(back.extFields()).isEqualTo(c.extFields());
        assertThat(back.opaque()).isEqualTo(opaque);
    }
}
