package dev.relay.nats.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Receives what {@link ProtocolParser} reads off the wire, one call per frame, on the parser's thread.
 * Buffer arguments are views into the parser's input: valid only during the call, never to be kept.
 */
public interface ProtocolHandler {

    /**
     * A MSG or HMSG frame.
     *
     * @param buf buffer holding the frame (absolute indexes below)
     * @param subjectOff index of the subject's first byte
     * @param subjectLen subject length in bytes
     * @param sid subscription id
     * @param replyOff index of the reply subject, or -1 when absent
     * @param replyLen reply subject length (0 when absent)
     * @param headerLen length of the header block at the start of the payload (0 for MSG)
     * @param payloadOff index of the first byte after the control line (headers, then data)
     * @param totalLen headers plus data length
     */
    void onMsg(ByteBuffer buf, int subjectOff, int subjectLen, long sid, int replyOff, int replyLen,
               int headerLen, int payloadOff, int totalLen);

    /**
     * An INFO frame.
     *
     * @param json the JSON object that followed {@code INFO}
     */
    void onInfo(String json);

    /** A PING from the server: answer with PONG. */
    void onPing();

    /** A PONG answering one of our PINGs. */
    void onPong();

    /** A {@code +OK} (only sent in verbose mode). */
    void onOk();

    /**
     * A {@code -ERR} frame.
     *
     * @param message the server's text, quotes removed
     */
    void onErr(String message);
}
