package dev.relay.nats.internal.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.relay.nats.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzz target for {@link ProtocolParser}: arbitrary bytes, cut into arbitrary chunks, fed
 * through heap and direct buffers of either byte order. Each input must end in the same events (or the same
 * {@link ProtocolException}) as one whole feed, never in another exception, and never carry more than one
 * maximal frame. A normal test run replays {@code ProtocolParserFuzzTestInputs/}; {@code -Pfuzz} (with
 * JAZZER_FUZZ set) fuzzes. Single-threaded, as the parser is.
 */
class ProtocolParserFuzzTest {
    private static final int MAX_CHUNK = 512;
    private static final ByteBuffer DIRECT = ByteBuffer.allocateDirect(MAX_CHUNK + 3);

    /**
     * Input layout, as FuzzedDataProvider reads it: limits, buffer kind and chunk sizes from the end of the
     * input, the stream itself from the front (so mutations of the stream keep the cuts stable).
     */
    @FuzzTest(maxDuration = "30m")
    void parsesOrThrowsProtocolExceptionAtAnyCut(FuzzedDataProvider data) {
        int maxControlLine = data.consumeInt(8, 1024);
        int maxPayload = data.consumeInt(0, 4096);
        int kind = data.consumeInt(0, 3);
        int[] sizes = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = data.consumeInt(1, MAX_CHUNK);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        // Plain checks and a digest of the events, not AssertJ and event strings: per execution those cost
        // most of the fuzzing rate. A mismatch is explained afterwards with the readable RecordingHandler.
        Digest whole = new Digest();
        try {
            new ProtocolParser(whole, maxControlLine, maxPayload).feed(ByteBuffer.wrap(stream));
        } catch (ProtocolException e) {
            whole.onError(e, stream.length);
        }

        Digest chunked = new Digest();
        ProtocolParser parser = new ProtocolParser(chunked, maxControlLine, maxPayload);
        int maxCarry = maxControlLine + 2 + maxPayload + 2;
        int at = 0;
        try {
            for (int i = 0; at < stream.length; i++) {
                int len = Math.min(stream.length - at, sizes[i % sizes.length]);
                ByteBuffer chunk = chunk(stream, at, len, kind);
                parser.feed(chunk);
                if (chunk.hasRemaining()) {
                    throw new AssertionError("feed left " + chunk.remaining() + " bytes unconsumed");
                }
                if (parser.carriedBytes() > maxCarry) {
                    throw new AssertionError("carry of " + parser.carriedBytes() + " bytes exceeds one maximal frame of "
                        + maxCarry);
                }
                at += len;
            }
        } catch (ProtocolException e) {
            chunked.onError(e, stream.length);
        }
        if (chunked.events != whole.events || chunked.hash != whole.hash) {
            List<String> expected = RecordingHandler.parse(stream, maxControlLine, maxPayload).events;
            List<String> got = RecordingHandler.parseInChunks(stream, maxControlLine, maxPayload, cyclic(sizes))
                .events;
            throw new AssertionError("chunked feed gave " + got + " but one whole feed gave " + expected);
        }
    }

    /**
     * Folds every event, with all its bytes, and a final protocol error's offset and problem into one
     * hash; checks each error's offset and escaping as it comes.
     */
    private static final class Digest implements ProtocolHandler {
        long hash = 17;
        int events;

        private void mix(long v) {
            hash = (hash ^ v) * 0x100000001b3L;
        }

        private void mix(ByteBuffer buf, int off, int len) {
            mix(len);
            for (int i = 0; i < len; i++) {
                mix(buf.get(off + i));
            }
        }

        private void mix(String s) {
            mix(s.hashCode());
            mix(s.length());
        }

        @Override
        public void onMsg(ByteBuffer buf, int subjectOff, int subjectLen, long sid, int replyOff, int replyLen,
                          int headerLen, int payloadOff, int totalLen) {
            events++;
            mix('m');
            mix(buf, subjectOff, subjectLen);
            mix(sid);
            mix(replyOff < 0 ? -1 : replyLen);
            if (replyOff >= 0) {
                mix(buf, replyOff, replyLen);
            }
            mix(headerLen);
            mix(buf, payloadOff, totalLen);
        }

        @Override
        public void onInfo(String json) {
            events++;
            mix('i');
            mix(json);
        }

        @Override
        public void onPing() {
            events++;
            mix('p');
        }

        @Override
        public void onPong() {
            events++;
            mix('q');
        }

        @Override
        public void onOk() {
            events++;
            mix('o');
        }

        @Override
        public void onErr(String message) {
            events++;
            mix('e');
            mix(message);
        }

        void onError(ProtocolException e, int streamLength) {
            if (e.offset() < 0 || e.offset() > streamLength) {
                throw new AssertionError("offset " + e.offset() + " outside the stream of " + streamLength, e);
            }
            String excerpt = e.excerpt();
            for (int i = 0; i < excerpt.length(); i++) {
                char c = excerpt.charAt(i);
                if (c < 0x20 || c >= 0x7f) {
                    throw new AssertionError("excerpt not escaped: " + excerpt, e);
                }
            }
            events++;
            mix('x');
            mix(e.offset());
            // the problem without the excerpt, which shows what one feed held
            String m = e.getMessage();
            mix(m.substring(0, m.indexOf(" at offset ")));
        }
    }

    private static List<Integer> cyclic(int[] sizes) {
        List<Integer> out = new ArrayList<>();
        for (int s : sizes) {
            out.add(s);
        }
        return out;
    }

    /** The bytes [at, at + len) in the buffer kind chosen: heap, heap slice, direct big- or little-endian. */
    private static ByteBuffer chunk(byte[] stream, int at, int len, int kind) {
        switch (kind) {
            case 0:
                return ByteBuffer.wrap(stream, at, len);
            case 1:
                return ByteBuffer.wrap(stream, at, len).slice();
            default:
                // One direct buffer reused for every chunk, as the transport reuses its read buffer: the parser
                // must copy what it keeps. Three bytes before the chunk, so that absolute indexes start past 0.
                ByteBuffer direct = DIRECT.clear().order(kind == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                direct.position(3);
                direct.put(stream, at, len);
                direct.flip().position(3);
                return direct;
        }
    }
}
