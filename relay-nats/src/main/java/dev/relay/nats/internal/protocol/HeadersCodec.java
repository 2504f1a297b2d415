package dev.relay.nats.internal.protocol;

import dev.relay.nats.Headers;
import dev.relay.nats.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes the NATS header block. Stateless; thread-safe.
 *
 * <pre>
 * block  = "NATS/1.0" [SP code [SP description]] CRLF *(key ":" [SP] value CRLF) CRLF
 * </pre>
 * Keys keep their case and order; a key may repeat (multi-valued). Decoding trims the whitespace
 * around values and is strict about the preamble and line structure.
 */
public final class HeadersCodec {
    private static final byte[] PREAMBLE = "NATS/1.0".getBytes(StandardCharsets.US_ASCII);

    private HeadersCodec() {
    }

    /**
     * Encodes headers (already checked by {@link Headers}) into a header block.
     *
     * @param headers the headers
     * @return the encoded block, ending with an empty line
     */
    public static byte[] encode(Headers headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(PREAMBLE);
        if (headers.hasStatus()) {
            out.writeBytes((" " + headers.status()).getBytes(StandardCharsets.US_ASCII));
            if (!headers.description().isEmpty()) {
                out.writeBytes((" " + headers.description()).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('\r');
        out.write('\n');
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.US_ASCII);
            for (String v : e.getValue()) {
                out.writeBytes(key);
                out.write(':');
                out.write(' ');
                out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                out.write('\r');
                out.write('\n');
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Decodes a header block.
     *
     * @param buf buffer holding it
     * @param off absolute index of the block
     * @param len block length
     * @param streamOffset stream offset of the block, for errors
     * @return the headers with their status line
     * @throws ProtocolException if the block is malformed
     */
    public static Headers decode(ByteBuffer buf, int off, int len, long streamOffset) {
        int end = off + len;
        int lineEnd = lineEnd(buf, off, end, streamOffset);
        if (lineEnd - off < PREAMBLE.length) {
            throw bad("header block does not start with NATS/1.0", buf, off, end, streamOffset);
        }
        for (int i = 0; i < PREAMBLE.length; i++) {
            if (buf.get(off + i) != PREAMBLE[i]) {
                throw bad("header block does not start with NATS/1.0", buf, off, end, streamOffset);
            }
        }
        int afterPreamble = off + PREAMBLE.length;
        if (afterPreamble < lineEnd && buf.get(afterPreamble) != ' ' && buf.get(afterPreamble) != '\t') {
            throw bad("header block does not start with NATS/1.0", buf, off, end, streamOffset);
        }
        Headers h = new Headers();
        String status = text(buf, off + PREAMBLE.length, lineEnd).trim();
        if (!status.isEmpty()) {
            int sp = status.indexOf(' ');
            String code = sp < 0 ? status : status.substring(0, sp);
            // 100-999 only: Headers rejects "099", and "000" would silently read as no status.
            if (code.length() != 3 || code.charAt(0) == '0' || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw bad("header status '" + code + "' is not a three-digit code", buf, off, end, streamOffset);
            }
            h.status(Integer.parseInt(code), sp < 0 ? "" : status.substring(sp + 1).trim());
        }
        int pos = lineEnd + 2;
        while (pos < end) {
            int le = lineEnd(buf, pos, end, streamOffset);
            if (le == pos) {
                return h;
            }
            int colon = -1;
            for (int i = pos; i < le; i++) {
                if (buf.get(i) == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= pos) {
                throw bad("header line without a key and colon", buf, pos, le, streamOffset);
            }
            try {
                h.add(text(buf, pos, colon), text(buf, colon + 1, le).trim());
            } catch (IllegalArgumentException e) {
                throw bad("bad header: " + e.getMessage(), buf, pos, le, streamOffset);
            }
            pos = le + 2;
        }
        // Some publishers omit the final empty line; accept a block that simply ends.
        return h;
    }

    private static int lineEnd(ByteBuffer buf, int from, int end, long streamOffset) {
        for (int i = from; i + 1 < end; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n') {
                return i;
            }
        }
        throw bad("header line without CRLF", buf, from, end, streamOffset);
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ProtocolException bad(String what, ByteBuffer buf, int from, int to, long streamOffset) {
        return new ProtocolException(what, streamOffset, Ascii.excerpt(buf, from, to, 60));
    }
}
