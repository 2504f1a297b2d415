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
     * A received header block: what could be read of it, the bytes as they came, and what was wrong
     * with them, if anything.
     *
     * @param headers the well-formed lines (and the status, when its line is well formed)
     * @param raw the block as received, preamble and final empty line included
     * @param problem what a strict reader would refuse, with an escaped excerpt; null when well formed
     */
    public record Decoded(Headers headers, byte[] raw, String problem) {
    }

    /**
     * Decodes a header block strictly: the first malformed part fails the whole block.
     *
     * @param buf buffer holding it
     * @param off absolute index of the block
     * @param len block length
     * @param streamOffset stream offset of the block, for errors
     * @return the headers with their status line
     * @throws ProtocolException if the block is malformed
     */
    public static Headers decode(ByteBuffer buf, int off, int len, long streamOffset) {
        Decoded d = decodeLenient(buf, off, len);
        if (d.problem() != null) {
            throw new ProtocolException(d.problem(), streamOffset, Ascii.excerpt(buf, off, off + len, 60));
        }
        return d.headers();
    }

    /**
     * Decodes a header block that the server relayed from some publisher: the framing around it was
     * already checked, so nothing in it is a protocol error. Lines a strict reader refuses (a key with a
     * space or a non-ASCII byte, a line without a colon, a status that is not three digits, a missing
     * {@code NATS/1.0}) are left out of the headers, and the first of them is named in the result; the
     * raw block keeps everything. Never throws for the block's content.
     *
     * @param buf buffer holding it
     * @param off absolute index of the block
     * @param len block length
     * @return the headers read, the raw bytes and the first problem (or null)
     */
    public static Decoded decodeLenient(ByteBuffer buf, int off, int len) {
        // One copy of the block; every key and value is a String over a part of it.
        byte[] block = new byte[len];
        buf.get(off, block);
        Headers h = new Headers();
        String problem = null;
        int lineEnd = lineEnd(block, 0, len);
        if (!hasPreamble(block, lineEnd)) {
            return new Decoded(h, block, "header block does not start with NATS/1.0: " + excerpt(block, 0, lineEnd));
        }
        String status = text(block, PREAMBLE.length, lineEnd, true);
        if (!status.isEmpty()) {
            int sp = status.indexOf(' ');
            String code = sp < 0 ? status : status.substring(0, sp);
            // 100-999 only: Headers rejects "099", and "000" would silently read as no status.
            if (code.length() != 3 || code.charAt(0) == '0' || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
                problem = "header status '" + code + "' is not a three-digit code";
            } else {
                try {
                    h.status(Integer.parseInt(code), sp < 0 ? "" : status.substring(sp + 1).trim());
                } catch (IllegalArgumentException e) {
                    // a lone CR or LF in the description: keep the code, name the problem
                    h.status(Integer.parseInt(code), "");
                    problem = "bad header status line: " + e.getMessage();
                }
            }
        }
        int pos = lineEnd + 2;
        while (pos < len) {
            int le = lineEnd(block, pos, len);
            if (le == pos) {
                break;
            }
            int colon = -1;
            for (int i = pos; i < le; i++) {
                if (block[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= pos) {
                problem = problem != null ? problem
                    : "header line without a key and colon: " + excerpt(block, pos, le);
            } else {
                try {
                    h.add(text(block, pos, colon, false), text(block, colon + 1, le, true));
                } catch (IllegalArgumentException e) {
                    problem = problem != null ? problem : "bad header: " + e.getMessage();
                }
            }
            pos = le + 2;
        }
        if (problem == null && !endsWithCrlf(block)) {
            problem = "header line without CRLF: " + excerpt(block, Math.max(0, len - 60), len);
        }
        // Some publishers omit the final empty line; a block that simply ends after a CRLF is fine.
        return new Decoded(h, block, problem);
    }

    private static boolean hasPreamble(byte[] block, int lineEnd) {
        if (lineEnd < PREAMBLE.length) {
            return false;
        }
        for (int i = 0; i < PREAMBLE.length; i++) {
            if (block[i] != PREAMBLE[i]) {
                return false;
            }
        }
        return lineEnd == PREAMBLE.length || block[PREAMBLE.length] == ' ' || block[PREAMBLE.length] == '\t';
    }

    private static boolean endsWithCrlf(byte[] block) {
        int n = block.length;
        return n >= 2 && block[n - 2] == '\r' && block[n - 1] == '\n';
    }

    /** Index of the CR of the next CRLF at or after {@code from}, or {@code end} when the block ends first. */
    private static int lineEnd(byte[] block, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (block[i] == '\r' && block[i + 1] == '\n') {
                return i;
            }
        }
        return end;
    }

    private static String excerpt(byte[] block, int from, int to) {
        return Ascii.excerpt(ByteBuffer.wrap(block), from, to, 60);
    }

    /** The text of block indexes [from, to), optionally trimmed as String.trim does. */
    private static String text(byte[] block, int from, int to, boolean trim) {
        int a = from;
        int b = to;
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

}
