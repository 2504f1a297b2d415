package dev.relay.nats.internal.transport;

import java.nio.ByteBuffer;

/**
 * How a {@link Transport} reports upward: bytes read, the end of a read batch, and the end of the
 * connection. Called on the transport's I/O thread only, never concurrently.
 */
public interface TransportListener {

    /**
     * The stream is open; called before any read, on the I/O thread.
     *
     * @param transport the open transport
     */
    void onOpen(Transport transport);

    /**
     * Bytes arrived. The buffer is a view valid only during the call; consume it from position to limit.
     *
     * @param data the bytes read
     */
    void onRead(ByteBuffer data);

    /** Everything readable in this loop turn was delivered: a good moment to flush and publish counters. */
    void onReadComplete();

    /**
     * The connection ended.
     *
     * @param cause why, or null when closed on purpose
     */
    void onClosed(Throwable cause);
}
