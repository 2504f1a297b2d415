package dev.relay.rocketmq.internal.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzz target for {@link MessageCodec}'s decoders: a body of stored messages (a pull,
 * query or check result) decodes or ends in {@link RocketMqProtocolException}, and no message body, even
 * an inflated one, exceeds {@link MessageCodec#MAX_BODY_BYTES}; a property string always decodes; an
 * offset message id decodes or is refused with the IllegalArgumentException its contract names. A normal
 * test run replays {@code MessageCodecFuzzTestInputs/}; {@code -Pfuzz} (with JAZZER_FUZZ set) fuzzes.
 * Single-threaded.
 */
class MessageCodecFuzzTest {

    /** The last byte picks the decoder; the rest of the input is its argument. */
    @FuzzTest(maxDuration = "30m")
    void decodesStoredMessagesOrThrowsProtocolException(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 7);
        byte[] bytes = data.consumeRemainingAsBytes();
        if (which == 6) {
            MessageCodec.decodeProperties(new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        if (which == 7) {
            try {
                MessageCodec.decodeOffsetMsgId(new String(bytes, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException refused) {
                // the documented refusal of text that is not an offset message id
            }
            return;
        }
        List<ReceivedMessage> messages;
        try {
            messages = MessageCodec.decodeStored(bytes);
        } catch (RocketMqProtocolException expected) {
            return;
        }
        for (ReceivedMessage m : messages) {
            if (m.body().length > MessageCodec.MAX_BODY_BYTES) {
                throw new AssertionError("a body of " + m.body().length + " bytes from " + bytes.length
                    + " bytes of stored messages");
            }
        }
    }
}
