package dev.relay.nats.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Writes client-to-server NATS operations into a caller-supplied buffer, with numbers as ASCII digits
 * and subjects as UTF-8, allocating nothing. Callers check subjects first ({@link Subjects}) and make
 * room for the bound the {@code …Bound} methods give. Stateless; thread-safe.
 *
 * <pre>
 * CONNECT {json}\r\n
 * PUB subject [reply] size\r\n payload\r\n
 * HPUB subject [reply] header-size total-size\r\n headers payload\r\n
 * SUB subject [queue] sid\r\n          UNSUB sid [max]\r\n          PING\r\n          PONG\r\n
 * </pre>
 */
public final class ProtocolEncoder {
    private static final byte[] PUB = {'P', 'U', 'B', ' '};
    private static final byte[] HPUB = {'H', 'P', 'U', 'B', ' '};
    private static final byte[] SUB = {'S', 'U', 'B', ' '};
    private static final byte[] UNSUB = {'U', 'N', 'S', 'U', 'B', ' '};
    private static final byte[] CONNECT = {'C', 'O', 'N', 'N', 'E', 'C', 'T', ' '};
    /** {@code PING\r\n}. */
    public static final byte[] PING = {'P', 'I', 'N', 'G', '\r', '\n'};
    /** {@code PONG\r\n}. */
    public static final byte[] PONG = {'P', 'O', 'N', 'G', '\r', '\n'};
    private static final int NUMBERS = 2 * 11 + 6;

    private ProtocolEncoder() {
    }

    /**
     * Upper bound of the bytes a PUB or HPUB takes.
     *
     * @param subject subject
     * @param replyTo reply subject or null
     * @param headerLen encoded header length (0 for none)
     * @param payloadLen payload length
     * @return the bound
     */
    public static int publishBound(String subject, String replyTo, int headerLen, int payloadLen) {
        return HPUB.length + Ascii.maxUtf8(subject) + (replyTo == null ? 0 : Ascii.maxUtf8(replyTo) + 1)
            + NUMBERS + headerLen + payloadLen;
    }

    /**
     * Writes {@code PUB} (no headers) or {@code HPUB} (headers given).
     *
     * @param out destination with at least {@link #publishBound} bytes of room
     * @param subject checked subject
     * @param replyTo checked reply subject, or null
     * @param headers encoded headers ({@link HeadersCodec#encode}), or null
     * @param data payload array
     * @param off payload offset
     * @param len payload length
     */
    public static void publish(ByteBuffer out, String subject, String replyTo, byte[] headers,
                               byte[] data, int off, int len) {
        int hlen = publishHead(out, subject, replyTo, headers, len);
        if (hlen > 0) {
            out.put(headers);
        }
        out.put(data, off, len);
        out.put((byte) '\r').put((byte) '\n');
    }

    /**
     * Writes {@code PUB} or {@code HPUB} with a payload from a buffer (position to limit, not moved).
     *
     * @param out destination with room for {@link #publishBound}
     * @param subject checked subject
     * @param replyTo checked reply subject, or null
     * @param headers encoded headers, or null
     * @param data payload buffer
     */
    public static void publish(ByteBuffer out, String subject, String replyTo, byte[] headers, ByteBuffer data) {
        int len = data.remaining();
        int hlen = publishHead(out, subject, replyTo, headers, len);
        if (hlen > 0) {
            out.put(headers);
        }
        out.put(out.position(), data, data.position(), len);
        out.position(out.position() + len);
        out.put((byte) '\r').put((byte) '\n');
    }

    /**
     * Writes {@code PUB} or {@code HPUB} with the subject already checked and encoded as UTF-8: the fast
     * path for a subject that repeats.
     *
     * @param out destination with room for {@link #publishBound}
     * @param subject the subject's UTF-8 bytes
     * @param replyTo checked reply subject, or null
     * @param headers encoded headers, or null
     * @param data payload array
     * @param off payload offset
     * @param len payload length
     */
    public static void publish(ByteBuffer out, byte[] subject, String replyTo, byte[] headers,
                               byte[] data, int off, int len) {
        int hlen = headers == null ? 0 : headers.length;
        out.put(hlen > 0 ? HPUB : PUB);
        out.put(subject);
        publishRest(out, replyTo, headers, hlen, len);
        if (hlen > 0) {
            out.put(headers);
        }
        out.put(data, off, len);
        out.put((byte) '\r').put((byte) '\n');
    }

    private static int publishHead(ByteBuffer out, String subject, String replyTo, byte[] headers, int len) {
        int hlen = headers == null ? 0 : headers.length;
        out.put(hlen > 0 ? HPUB : PUB);
        Ascii.putUtf8(out, subject);
        publishRest(out, replyTo, headers, hlen, len);
        return hlen;
    }

    /** Everything of the control line after the subject. */
    private static void publishRest(ByteBuffer out, String replyTo, byte[] headers, int hlen, int len) {
        out.put((byte) ' ');
        if (replyTo != null) {
            Ascii.putUtf8(out, replyTo);
            out.put((byte) ' ');
        }
        if (hlen > 0) {
            Ascii.putDecimal(out, hlen);
            out.put((byte) ' ');
        }
        Ascii.putDecimal(out, (long) hlen + len);
        out.put((byte) '\r').put((byte) '\n');
    }

    /**
     * Upper bound of a SUB.
     *
     * @param subject subject
     * @param queue queue or null
     * @return the bound
     */
    public static int subscribeBound(String subject, String queue) {
        return SUB.length + Ascii.maxUtf8(subject) + (queue == null ? 0 : Ascii.maxUtf8(queue) + 1) + NUMBERS;
    }

    /**
     * Writes {@code SUB subject [queue] sid}.
     *
     * @param out destination with room for {@link #subscribeBound}
     * @param subject checked subject
     * @param queue checked queue group or null
     * @param sid subscription id
     */
    public static void subscribe(ByteBuffer out, String subject, String queue, long sid) {
        out.put(SUB);
        Ascii.putUtf8(out, subject);
        out.put((byte) ' ');
        if (queue != null) {
            Ascii.putUtf8(out, queue);
            out.put((byte) ' ');
        }
        Ascii.putDecimal(out, sid);
        out.put((byte) '\r').put((byte) '\n');
    }

    /** Upper bound of an UNSUB: {@code UNSUB }, two 19-digit longs, a space and CRLF. */
    public static final int UNSUBSCRIBE_BOUND = 6 + 19 + 1 + 19 + 2;

    /**
     * Writes {@code UNSUB sid [max]}.
     *
     * @param out destination with {@link #UNSUBSCRIBE_BOUND} bytes of room
     * @param sid subscription id
     * @param max messages after which the server ends it, or 0 for at once
     */
    public static void unsubscribe(ByteBuffer out, long sid, long max) {
        out.put(UNSUB);
        Ascii.putDecimal(out, sid);
        if (max > 0) {
            out.put((byte) ' ');
            Ascii.putDecimal(out, max);
        }
        out.put((byte) '\r').put((byte) '\n');
    }

    /**
     * Writes {@code CONNECT json}.
     *
     * @param out destination with {@code json.length + 10} bytes of room
     * @param json the CONNECT object as UTF-8 JSON
     */
    public static void connect(ByteBuffer out, byte[] json) {
        out.put(CONNECT).put(json).put((byte) '\r').put((byte) '\n');
    }
}
