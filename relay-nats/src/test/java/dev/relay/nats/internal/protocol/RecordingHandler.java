package dev.relay.nats.internal.protocol;

import dev.relay.nats.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test handler that turns each {@link ProtocolParser} callback into a readable event string (bytes copied
 * out during the call, since buffers are views) and a {@link Msg} per MSG/HMSG; plus helpers that feed a
 * stream in given chunks and record a {@link ProtocolException} as a final event. Single-threaded.
 */
final class RecordingHandler implements ProtocolHandler {
    /** One MSG or HMSG as delivered: subject, sid, reply (null if none), header block and data bytes. */
    record Msg(String subject, long sid, String reply, byte[] headers, byte[] data) {
    }

    final List<String> events = new ArrayList<>();
    final List<Msg> msgs = new ArrayList<>();
    /** The exception that ended {@link #parse}, or null. */
    ProtocolException error;

    @Override
    public void onMsg(ByteBuffer buf, int subjectOff, int subjectLen, long sid, int replyOff, int replyLen,
                      int headerLen, int payloadOff, int totalLen) {
        String subject = utf8(buf, subjectOff, subjectLen);
        String reply = replyOff < 0 ? null : utf8(buf, replyOff, replyLen);
        byte[] headers = bytes(buf, payloadOff, headerLen);
        byte[] data = bytes(buf, payloadOff + headerLen, totalLen - headerLen);
        msgs.add(new Msg(subject, sid, reply, headers, data));
        events.add(msgEvent(subject, sid, reply, headers, data));
    }

    /** The event for a MSG/HMSG; reply null when absent, headers empty for MSG. */
    static String msgEvent(String subject, long sid, String reply, byte[] headers, byte[] data) {
        return "msg " + subject + " sid=" + sid + (reply == null ? "" : " reply=" + reply)
            + (headers.length == 0 ? "" : " headers=\"" + escape(headers) + "\"") + " data=\"" + escape(data) + "\"";
    }

    @Override
    public void onInfo(String json) {
        events.add("info " + json);
    }

    @Override
    public void onPing() {
        events.add("ping");
    }

    @Override
    public void onPong() {
        events.add("pong");
    }

    @Override
    public void onOk() {
        events.add("ok");
    }

    @Override
    public void onErr(String message) {
        events.add("err " + message);
    }

    /**
     * Feeds a stream to a fresh parser, cut at the given offsets (ascending; equal offsets give empty
     * feeds), and returns the handler; a protocol error ends its events as {@code error@offset: problem}.
     */
    static RecordingHandler parse(byte[] stream, int maxControlLine, int maxPayload, int... cuts) {
        RecordingHandler h = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(h, maxControlLine, maxPayload);
        int from = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                parser.feed(ByteBuffer.wrap(stream, from, to - from));
                from = to;
            }
        } catch (ProtocolException e) {
            h.error = e;
            h.events.add(describe(e));
        }
        return h;
    }

    /** Feeds a stream in chunks of the given sizes (each at least 1), used cyclically. */
    static RecordingHandler parseInChunks(byte[] stream, int maxControlLine, int maxPayload, List<Integer> sizes) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            at = Math.min(stream.length, at + sizes.get(i % sizes.size()));
            cuts.add(at);
        }
        return parse(stream, maxControlLine, maxPayload, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The error event: offset and problem, without the excerpt (which shows what one feed held). */
    static String describe(ProtocolException e) {
        String m = e.getMessage();
        return "error@" + e.offset() + ": " + m.substring(0, m.indexOf(" at offset "));
    }

    private static final String HEX = "0123456789abcdef";

    /** Bytes as printable ASCII: {@code \r}, {@code \n}, others outside 0x20-0x7e (and quote, backslash) as \xNN. */
    static String escape(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\r' || c == '\n') {
                s.append(c == '\r' ? "\\r" : "\\n");
            } else if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                s.append((char) c);
            } else {
                s.append("\\x").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return s.toString();
    }

    private static byte[] bytes(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return b;
    }

    private static String utf8(ByteBuffer buf, int off, int len) {
        return new String(bytes(buf, off, len), StandardCharsets.UTF_8);
    }
}
