package dev.relay.nats.internal.protocol;

import dev.relay.nats.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Incremental, in-place parser of the server-to-client NATS protocol: bytes in, calls on a
 * {@link ProtocolHandler} out. Complete frames are parsed where they lie in the input; only a frame
 * split across two inputs is copied (into a carry buffer bounded by the control-line and payload
 * limits). Confined to one thread (the connection's I/O thread).
 *
 * <pre>
 * frame   = info / msg / hmsg / ping / pong / ok / err          ; ops are case-insensitive
 * info    = "INFO" SP json CRLF
 * msg     = "MSG" SP subject SP sid [SP reply] SP size CRLF payload CRLF
 * hmsg    = "HMSG" SP subject SP sid [SP reply] SP hdr-size SP total-size CRLF headers payload CRLF
 * ping    = "PING" CRLF      pong = "PONG" CRLF      ok = "+OK" CRLF
 * err     = "-ERR" SP ['] text ['] CRLF
 * SP      = one or more of space / tab; a bare LF is accepted where CRLF is expected
 * </pre>
 *
 * Hostile input ends in a {@link ProtocolException} carrying the stream offset of the bad frame and an
 * escaped excerpt: unknown ops, over-long control lines, malformed or oversized numbers, sizes that do
 * not match the payload. After an exception the parser refuses further input.
 */
public final class ProtocolParser {
    private static final int INCOMPLETE = -1;
    private static final int MAX_ARGS = 5;
    private static final int SMALL_CARRY = 4096;
    private static final int SHRINK_ABOVE = 1 << 20;

    private final ProtocolHandler handler;
    private final int maxControlLine;
    private final int maxPayload;
    /** Start and end index of each argument of the current control line. */
    private final int[] argStart = new int[MAX_ARGS + 1];
    private final int[] argEnd = new int[MAX_ARGS + 1];
    /** Length the frame in the carry buffer needs, once its control line is known (else -1). */
    private int carryNeed = -1;
    /** Set with each {@link #INCOMPLETE}: length of the whole frame if its control line is known, else -1. */
    private int incompleteNeed = -1;
    private byte[] carry = new byte[SMALL_CARRY];
    private ByteBuffer carryView = ByteBuffer.wrap(carry);
    private int carryLen;
    /** Stream offset of carry[0]. */
    private long carryStart;
    /** Bytes fed before the current call: the stream offset of the current input's first byte. */
    private long fed;
    private boolean failed;

    /**
     * Creates a parser.
     *
     * @param handler receives the frames
     * @param maxControlLine longest control line accepted, in bytes (CRLF excluded)
     * @param maxPayload largest MSG/HMSG total size accepted, in bytes
     */
    public ProtocolParser(ProtocolHandler handler, int maxControlLine, int maxPayload) {
        this.handler = handler;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    /**
     * Parses the bytes from the buffer's position to its limit and consumes them all (the position is
     * moved to the limit); an incomplete trailing frame is kept for the next call.
     *
     * @param in bytes from the server
     * @throws ProtocolException if the bytes break the protocol
     */
    public void feed(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("parser failed earlier; the connection must be closed");
        }
        int inStart = in.position();
        int end = in.limit();
        try {
            int pos = inStart;
            if (carryLen > 0) {
                pos = completeCarry(in, pos, end);
            }
            while (pos < end) {
                int next = parseFrame(in, pos, end, fed + (pos - inStart));
                if (next == INCOMPLETE) {
                    carryStart = fed + (pos - inStart);
                    // The carry may already hold a whole MSG control line and part of its payload.
                    carryNeed = incompleteNeed;
                    appendCarry(in, pos, end - pos);
                    break;
                }
                pos = next;
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        fed += end - inStart;
        in.position(end);
    }

    /** Bytes of a partial frame held for the next call; for tests of the memory bound. */
    int carriedBytes() {
        return carryLen;
    }

    /** Forgets any partial frame and the failed state, for a new connection. */
    public void reset() {
        carryLen = 0;
        carryNeed = -1;
        fed = 0;
        failed = false;
        if (carry.length > SMALL_CARRY) {
            carry = new byte[SMALL_CARRY];
            carryView = ByteBuffer.wrap(carry);
        }
    }

    /** Fills the carry buffer from the input until its frame is whole, then parses it. */
    private int completeCarry(ByteBuffer in, int pos, int end) {
        if (carryNeed < 0) {
            // The carry holds at most maxControlLine + 1 bytes of a control line without its LF.
            int lf = indexOfLf(in, pos, Math.min(end, pos + maxControlLine + 2 - carryLen));
            int take = lf < 0 ? end - pos : lf - pos + 1;
            if (lf < 0 && carryLen + take > maxControlLine + 1) {
                throw tooLong(carryView, 0, carryLen, carryStart);
            }
            appendCarry(in, pos, take);
            pos += take;
            if (lf < 0) {
                return pos;
            }
            carryNeed = frameLength();
        }
        if (carryNeed > carryLen) {
            int take = Math.min(carryNeed - carryLen, end - pos);
            appendCarry(in, pos, take);
            pos += take;
            if (carryLen < carryNeed) {
                return pos;
            }
        }
        int next = parseFrame(carryView, 0, carryLen, carryStart);
        if (next != carryLen) {
            throw new IllegalStateException("carried frame of " + carryLen + " bytes parsed as " + next);
        }
        carryLen = 0;
        carryNeed = -1;
        if (carry.length > SHRINK_ABOVE) {
            carry = new byte[SMALL_CARRY];
            carryView = ByteBuffer.wrap(carry);
        }
        return pos;
    }

    /**
     * Length of the whole frame whose control line, and nothing more, is in the carry buffer. A MSG or
     * HMSG line is checked in full now, as for a frame that arrives whole, not after its payload.
     */
    private int frameLength() {
        int lf = carryLen - 1;
        int lineEnd = lf > 0 && carryView.get(lf - 1) == '\r' ? lf - 1 : lf;
        int c = carryView.get(0) | 0x20;
        boolean msg = c == 'm' && matchOp(carryView, 0, lineEnd, "msg");
        if (msg || (c == 'h' && matchOp(carryView, 0, lineEnd, "hmsg"))) {
            parseMsg(carryView, 0, lineEnd, lf, carryLen, carryStart, !msg);
            return incompleteNeed;
        }
        return lf + 1;
    }

    private void appendCarry(ByteBuffer in, int from, int len) {
        if (carryLen + len > carry.length) {
            int cap = Math.max(carry.length * 2, carryLen + len);
            byte[] grown = new byte[cap];
            System.arraycopy(carry, 0, grown, 0, carryLen);
            carry = grown;
            carryView = ByteBuffer.wrap(carry);
        }
        in.get(from, carry, carryLen, len);
        carryLen += len;
    }

    /**
     * Parses one frame at {@code pos}.
     *
     * @return the index after the frame, or {@link #INCOMPLETE} if more bytes are needed
     */
    private int parseFrame(ByteBuffer buf, int pos, int end, long offset) {
        int lf = indexOfLf(buf, pos, Math.min(end, pos + maxControlLine + 2));
        if (lf < 0) {
            if (end - pos > maxControlLine + 1) {
                throw tooLong(buf, pos, end, offset);
            }
            incompleteNeed = -1;
            return INCOMPLETE;
        }
        int lineEnd = lf > pos && buf.get(lf - 1) == '\r' ? lf - 1 : lf;
        int c0 = buf.get(pos) | 0x20;
        switch (c0) {
            case 'm':
                if (matchOp(buf, pos, lineEnd, "msg")) {
                    return parseMsg(buf, pos, lineEnd, lf, end, offset, false);
                }
                break;
            case 'h':
                if (matchOp(buf, pos, lineEnd, "hmsg")) {
                    return parseMsg(buf, pos, lineEnd, lf, end, offset, true);
                }
                break;
            case 'p':
                if (matchWord(buf, pos, lineEnd, "ping")) {
                    handler.onPing();
                    return lf + 1;
                }
                if (matchWord(buf, pos, lineEnd, "pong")) {
                    handler.onPong();
                    return lf + 1;
                }
                break;
            case 'i':
                if (matchOp(buf, pos, lineEnd, "info")) {
                    handler.onInfo(text(buf, pos + 4, lineEnd));
                    return lf + 1;
                }
                break;
            case '+':
                if (matchWord(buf, pos, lineEnd, "+ok")) {
                    handler.onOk();
                    return lf + 1;
                }
                break;
            case '-':
                if (matchOp(buf, pos, lineEnd, "-err")) {
                    handler.onErr(unquote(text(buf, pos + 4, lineEnd)));
                    return lf + 1;
                }
                break;
            default:
                break;
        }
        throw new ProtocolException("unknown protocol operation", offset, Ascii.excerpt(buf, pos, lineEnd, 40));
    }

    private int parseMsg(ByteBuffer buf, int pos, int lineEnd, int lf, int end, long offset, boolean headers) {
        int n = splitArgs(buf, pos, lineEnd, offset);
        int want = headers ? 5 : 4;
        if (n != want && n != want - 1) {
            throw new ProtocolException((headers ? "HMSG" : "MSG") + " needs " + (want - 1) + " or " + want
                + " arguments, got " + n, offset, Ascii.excerpt(buf, pos, lineEnd, 80));
        }
        long sid = parseNumber(buf, 1, 19, "sid", offset, pos, lineEnd);
        int total = (int) parseSize(buf, n - 1, offset, pos, lineEnd);
        int hdr = 0;
        if (headers) {
            hdr = (int) parseSize(buf, n - 2, offset, pos, lineEnd);
            if (hdr > total) {
                throw new ProtocolException("HMSG header size " + hdr + " exceeds total size " + total,
                    offset, Ascii.excerpt(buf, pos, lineEnd, 80));
            }
        }
        int replyArg = headers ? (n == 5 ? 2 : -1) : (n == 4 ? 2 : -1);
        int payloadOff = lf + 1;
        int frameEnd = payloadOff + total + 2;
        if (frameEnd > end || frameEnd < 0) {
            incompleteNeed = frameEnd - pos;
            return INCOMPLETE;
        }
        if (buf.get(frameEnd - 2) != '\r' || buf.get(frameEnd - 1) != '\n') {
            throw new ProtocolException("payload of " + total + " bytes is not followed by CRLF",
                offset, Ascii.excerpt(buf, pos, Math.min(end, frameEnd), 80));
        }
        int replyOff = replyArg < 0 ? -1 : argStart[replyArg];
        int replyLen = replyArg < 0 ? 0 : argEnd[replyArg] - argStart[replyArg];
        handler.onMsg(buf, argStart[0], argEnd[0] - argStart[0], sid, replyOff, replyLen, hdr, payloadOff, total);
        return frameEnd;
    }

    /** Splits the arguments after the op word into argStart/argEnd; returns their count. */
    private int splitArgs(ByteBuffer buf, int pos, int lineEnd, long offset) {
        int i = pos;
        while (i < lineEnd && !isSpace(buf.get(i))) {
            i++;
        }
        int n = 0;
        while (true) {
            while (i < lineEnd && isSpace(buf.get(i))) {
                i++;
            }
            if (i >= lineEnd) {
                return n;
            }
            if (n == MAX_ARGS) {
                throw new ProtocolException("too many arguments", offset, Ascii.excerpt(buf, pos, lineEnd, 80));
            }
            argStart[n] = i;
            while (i < lineEnd && !isSpace(buf.get(i))) {
                i++;
            }
            argEnd[n++] = i;
        }
    }

    private long parseSize(ByteBuffer buf, int arg, long offset, int pos, int lineEnd) {
        long v = parseNumber(buf, arg, 10, "size", offset, pos, lineEnd);
        if (v > maxPayload) {
            throw new ProtocolException("size " + v + " exceeds the limit of " + maxPayload + " bytes",
                offset, Ascii.excerpt(buf, pos, lineEnd, 80));
        }
        return v;
    }

    private long parseNumber(ByteBuffer buf, int arg, int maxDigits, String what, long offset, int pos, int lineEnd) {
        if (arg < 0) {
            throw new ProtocolException("missing " + what, offset, Ascii.excerpt(buf, pos, lineEnd, 80));
        }
        int s = argStart[arg];
        int e = argEnd[arg];
        if (e - s > maxDigits) {
            throw new ProtocolException(what + " has too many digits", offset, Ascii.excerpt(buf, pos, lineEnd, 80));
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf.get(i) - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException(what + " is not a decimal number", offset, Ascii.excerpt(buf, pos, lineEnd, 80));
            }
            v = v * 10 + d;
        }
        if (v < 0) {
            throw new ProtocolException(what + " overflows", offset, Ascii.excerpt(buf, pos, lineEnd, 80));
        }
        return v;
    }

    private ProtocolException tooLong(ByteBuffer buf, int pos, int end, long offset) {
        return new ProtocolException("control line longer than " + maxControlLine + " bytes", offset,
            Ascii.excerpt(buf, pos, end, 40));
    }

    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    /**
     * The first LF in [from, to), or -1; eight bytes per step (a word-wide zero-byte test on the bytes
     * XOR '\n'), since a byte-by-byte scan of a direct buffer was most of the parser's time.
     */
    static int indexOfLf(ByteBuffer buf, int from, int to) {
        int i = from;
        boolean big = buf.order() == ByteOrder.BIG_ENDIAN;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = buf.getLong(i) ^ LFS;
            // exact: 0x80 in each byte that is zero (no borrow between bytes, so either order works)
            long found = ~(((x & LOWS) + LOWS) | x | LOWS);
            if (found != 0) {
                return i + (big ? Long.numberOfLeadingZeros(found) : Long.numberOfTrailingZeros(found)) / 8;
            }
        }
        for (; i < to; i++) {
            if (buf.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the line starts with the op word followed by a space, tab or the end of line. */
    private static boolean matchOp(ByteBuffer buf, int pos, int lineEnd, String op) {
        int n = op.length();
        if (lineEnd - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int b = buf.get(pos + i);
            char c = op.charAt(i);
            // Fold case for letters only: '\r' | 0x20 is '-' and 0x0b | 0x20 is '+'.
            if (b != c && (c < 'a' || c > 'z' || (b | 0x20) != c)) {
                return false;
            }
        }
        return pos + n == lineEnd || isSpace(buf.get(pos + n));
    }

    /** Whether the line is exactly the word, trailing spaces allowed. */
    private static boolean matchWord(ByteBuffer buf, int pos, int lineEnd, String word) {
        if (!matchOp(buf, pos, lineEnd, word)) {
            return false;
        }
        for (int i = pos + word.length(); i < lineEnd; i++) {
            if (!isSpace(buf.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] bytes = new byte[Math.max(0, to - from)];
        buf.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8).trim();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
