package dev.relay.nats.internal.protocol;

import dev.relay.nats.Headers;
import dev.relay.nats.ProtocolException;
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
        // Sized first, then written once: no stream, no per-key or per-value byte arrays.
        String statusLine = null;
        int n = PREAMBLE.length + 4;
        if (headers.hasStatus()) {
            statusLine = headers.description().isEmpty() ? " " + headers.status()
                : " " + headers.status() + " " + headers.description();
            n += Ascii.utf8Length(statusLine);
        }
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            int key = e.getKey().length();
            for (String v : e.getValue()) {
                n += key + 4 + Ascii.utf8Length(v);
            }
        }
        byte[] block = new byte[n];
        ByteBuffer out = ByteBuffer.wrap(block);
        out.put(PREAMBLE);
        if (statusLine != null) {
            Ascii.putUtf8(out, statusLine);
        }
        out.put((byte) '\r').put((byte) '\n');
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            String key = e.getKey();
            for (String v : e.getValue()) {
                // keys are printable ASCII (Headers checks them), so their UTF-8 is one byte a char
                Ascii.putUtf8(out, key);
                out.put((byte) ':').put((byte) ' ');
                Ascii.putUtf8(out, v);
                out.put((byte) '\r').put((byte) '\n');
            }
        }
        out.put((byte) '\r').put((byte) '\n');
        return block;
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
        // One copy of the block; every key and value is a String over a part of it.
        byte[] block = new byte[len];
        buf.get(off, block);
        String status = text(block, off, off + PREAMBLE.length, lineEnd, true);
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
                h.add(text(block, off, pos, colon, false), text(block, off, colon + 1, le, true));
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

    /**
     * The text of buffer indexes [from, to) from the block's copy (which starts at buffer index
     * {@code base}), optionally trimmed as String.trim does.
     */
    private static String text(byte[] block, int base, int from, int to, boolean trim) {
        int a = from - base;
        int b = to - base;
        if (trim) {
            while (a < b && (block[a] & 0xFF) <= ' ') {
                a++;
            }
            while (b > a && (block[b - 1] & 0xFF) <= ' ') {
                b--;
            }
        }
        return new String(block, a, b - a, StandardCharsets.UTF_8);
    }

    private static ProtocolException bad(String what, ByteBuffer buf, int from, int to, long streamOffset) {
        return new ProtocolException(what, streamOffset, Ascii.excerpt(buf, from, to, 60));
    }
}
