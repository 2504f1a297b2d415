package dev.relay.nats.internal.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.relay.nats.Headers;
import dev.relay.nats.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coverage-guided fuzz target for {@link HeadersCodec}: arbitrary header blocks decode or throw
 * {@link ProtocolException}, nothing else (strict or lenient decoding may both stand behind that); headers
 * built from fuzzed keys and values encode and decode back to equal headers. A normal test run replays
 * {@code HeadersCodecFuzzTestInputs/}; {@code -Pfuzz} (with JAZZER_FUZZ set) fuzzes. Single-threaded.
 */
class HeadersCodecFuzzTest {
    /** Reused for each direct-buffer input: allocating direct memory per execution would dominate the rate. */
    private static final ByteBuffer DIRECT = ByteBuffer.allocateDirect(1 << 16);

    /** The first byte picks the half: decode hostile bytes, or round-trip fuzzed headers. */
    @FuzzTest(maxDuration = "30m")
    void decodesOnlyToHeadersOrProtocolExceptionAndRoundTrips(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            decodeHostile(data);
        } else {
            roundTrip(data);
        }
    }

    /** The block sits at an offset inside a larger heap or direct buffer, as it does inside an HMSG. */
    private static void decodeHostile(FuzzedDataProvider data) {
        int before = data.consumeInt(0, 16);
        boolean direct = data.consumeBoolean();
        byte[] block = data.consumeRemainingAsBytes();
        int size = before + block.length + 4;
        ByteBuffer buf = !direct ? ByteBuffer.allocate(size)
            : size <= DIRECT.capacity() ? DIRECT.clear().limit(size) : ByteBuffer.allocateDirect(size);
        buf.position(before);
        buf.put(block);
        // bytes after the block that decoding must not read: the payload that follows the headers
        buf.put(new byte[] {'\r', '\n', '\r', '\n'});
        try {
            HeadersCodec.decode(buf, before, block.length, 1000);
        } catch (ProtocolException expected) {
            // the one exception the contract allows
        }
    }

    /**
     * Values and the status description are taken only when trimmed and free of unpaired surrogates:
     * decoding trims around values by the grammar, and an unpaired surrogate is written as '?', so those
     * could not come back equal. Keys and values that {@link Headers} rejects end the input early.
     */
    private static void roundTrip(FuzzedDataProvider data) {
        Headers h = new Headers();
        int status = data.consumeBoolean() ? data.consumeInt(100, 999) : 0;
        if (status != 0) {
            String description = data.consumeString(20);
            if (!faithful(description)) {
                return;
            }
            try {
                h.status(status, description);
            } catch (IllegalArgumentException rejected) {
                return;
            }
        }
        int pairs = data.consumeInt(0, 6);
        for (int i = 0; i < pairs; i++) {
            String key = data.consumeAsciiString(12);
            String value = data.consumeString(40);
            if (!faithful(value)) {
                return;
            }
            try {
                h.add(key, value);
            } catch (IllegalArgumentException rejected) {
                return;
            }
        }
        byte[] block = HeadersCodec.encode(h);
        Headers back = HeadersCodec.decode(ByteBuffer.wrap(block), 0, block.length, 0);
        if (!back.equals(h)) {
            throw new AssertionError("encoded " + h + " as \"" + RecordingHandler.escape(block)
                + "\" but decoded " + back);
        }
    }

    /** Whether a value survives encode and decode unchanged: already trimmed, and valid UTF-16. */
    private static boolean faithful(String s) {
        if (!s.isEmpty() && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A finding of this target (its input is replayed as {@code finding-status-line-lone-cr}): a status
     * line holding a lone CR or LF reached {@code Headers.status}, whose IllegalArgumentException escaped
     * decoding on the I/O thread.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NATS/1.0 503 a\rb\r\n\r\n", "NATS/1.0 503 a\nb\r\n\r\n"})
    void statusLineWithALoneCrOrLfEndsInProtocolExceptionOrHeaders(String block) {
        byte[] b = block.getBytes(StandardCharsets.ISO_8859_1);
        try {
            HeadersCodec.decode(ByteBuffer.wrap(b), 0, b.length, 0);
        } catch (ProtocolException expected) {
            // strict decoding
        }
        // what the connection uses: delivered, the status code kept, the problem named
        HeadersCodec.Decoded d = HeadersCodec.decodeLenient(ByteBuffer.wrap(b), 0, b.length);
        if (d.problem() == null || d.headers().status() != 503) {
            throw new AssertionError("lenient decoding lost the status or the problem: " + d);
        }
    }
}
