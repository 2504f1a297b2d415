package dev.relay.rocketmq.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.internal.protocol.RemotingCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.SerializeType;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound pipeline (length framing + decode + routing) fed whole, byte by byte and split everywhere. */
class InboundHandlerTest {

    private static byte[] stream() {
        RemotingCommand response = RemotingCommand.request(0).opaque(1).flag(RemotingCommand.FLAG_RESPONSE).ext("x", "1");
        RemotingCommand request = RemotingCommand.request(39).opaque(2).markOneway().body(new byte[] {7, 7, 7});
        byte[] a = RemotingCodec.encode(response, SerializeType.JSON);
        byte[] b = RemotingCodec.encode(request, SerializeType.ROCKETMQ);
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private record Seen(List<RemotingCommand> responses, List<RemotingCommand> requests, EmbeddedChannel channel) {
    }

    private static Seen pipeline() {
        List<RemotingCommand> responses = new ArrayList<>();
        List<RemotingCommand> requests = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(RemotingCodec.MAX_FRAME_BYTES, 0, 4, 0, 4),
            new InboundHandler("test:1", responses::add, (address, request, channel) -> requests.add(request)));
        return new Seen(responses, requests, ch);
    }

    private static void check(Seen seen) {
        assertThat(seen.responses()).singleElement().satisfies(r -> {
            assertThat(r.opaque()).isEqualTo(1);
            assertThat(r.ext("x")).isEqualTo("1");
        });
        assertThat(seen.requests()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(39);
            assertThat(r.isOneway()).isTrue();
            assertThat(r.body()).containsExactly(7, 7, 7);
        });
    }

    @Test
    void routesWholeFrames() {
        Seen seen = pipeline();
        seen.channel().writeInbound(Unpooled.wrappedBuffer(stream()));
        check(seen);
    }

    @Test
    void routesFramesFedByteByByte() {
        Seen seen = pipeline();
        for (byte b : stream()) {
            seen.channel().writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        check(seen);
    }

    @Test
    void routesFramesSplitAtEveryOffset() {
        byte[] all = stream();
        for (int split = 1; split < all.length; split++) {
            Seen seen = pipeline();
            seen.channel().writeInbound(Unpooled.wrappedBuffer(all, 0, split));
            seen.channel().writeInbound(Unpooled.wrappedBuffer(all, split, all.length - split));
            check(seen);
        }
    }

    @Test
    void closesTheConnectionOnAMalformedFrame() {
        Seen seen = pipeline();
        seen.channel().writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 4, 9, 0, 0, 0}));
        assertThat(seen.channel().isOpen()).isFalse();
        assertThat(seen.responses()).isEmpty();
    }
}
