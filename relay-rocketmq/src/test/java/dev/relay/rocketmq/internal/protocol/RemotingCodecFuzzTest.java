package dev.relay.rocketmq.internal.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.relay.rocketmq.RocketMqProtocolException;

/**
 * Coverage-guided fuzz target for {@link RemotingCodec#decode}: any frame a peer sends (after the
 * transport stripped its length prefix) decodes to a command or ends in {@link RocketMqProtocolException},
 * never another exception, and nothing decoded is larger than the frame. A normal test run replays
 * {@code RemotingCodecFuzzTestInputs/}; {@code -Pfuzz} (with JAZZER_FUZZ set) fuzzes. Single-threaded.
 */
class RemotingCodecFuzzTest {

    @FuzzTest(maxDuration = "30m")
    void decodesOrThrowsProtocolException(byte[] frame) {
        RemotingCommand c;
        try {
            c = RemotingCodec.decode(frame);
        } catch (RocketMqProtocolException expected) {
            return;
        }
        if (c.body().length > frame.length) {
            throw new AssertionError("body of " + c.body().length + " bytes from a frame of " + frame.length);
        }
        long text = c.remark() == null ? 0 : c.remark().length();
        for (var e : c.extFields().entrySet()) {
            text += e.getKey().length() + e.getValue().length();
        }
        // each char of a header string comes from at least one byte of the frame
        if (text > frame.length) {
            throw new AssertionError(text + " chars of header strings from a frame of " + frame.length);
        }
    }
}
