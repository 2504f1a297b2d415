package dev.relay.nats.internal.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * One open byte stream to a server (TCP or a Unix domain socket, with or without TLS), with the I/O thread that
 * serves it. The connection layer sees only this interface. Thread-safe where noted.
 */
public interface Transport {

    /**
     * Writes the buffer's remaining bytes and flushes. Call on the I/O thread. The buffer must not be
     * touched until {@code done} runs (on the I/O thread) with true for success or false for failure.
     *
     * @param data bytes to write, position to limit
     * @param done told when the bytes were handed to the socket, or failed
     */
    void write(ByteBuffer data, Consumer<Boolean> done);

    /**
     * Writes from the calling thread at once, without blocking and without waking the I/O thread, when
     * the stream allows it: a plain (non-TLS) native socket with nothing queued for writing. The caller
     * must make sure no other write is under way (the outbound buffer's lock and its in-flight flag do).
     * Advances the buffer's position by what was written. Thread-safe.
     *
     * @param data bytes to write, position to limit
     * @return bytes written (0 when the socket is full), or -1 when this transport cannot write now
     */
    int writeNow(ByteBuffer data);

    /**
     * Runs a task on the I/O thread. Thread-safe.
     *
     * @param task the task
     */
    void execute(Runnable task);

    /**
     * Runs a task on the I/O thread after a delay. Thread-safe.
     *
     * @param task the task
     * @param delayNanos delay in nanoseconds
     * @return a handle whose {@code run()} cancels the task
     */
    Runnable schedule(Runnable task, long delayNanos);

    /**
     * Whether the calling thread is this transport's I/O thread.
     *
     * @return true on the I/O thread
     */
    boolean inIoThread();

    /**
     * Whether the stream is still open.
     *
     * @return true while open
     */
    boolean isOpen();

    /**
     * Starts TLS on this open stream: from now on everything read and written goes through the engine.
     * Call on the I/O thread, between reads (nothing may be in flight in the clear).
     *
     * @param engine a client-mode engine for the server
     * @return completes when the handshake succeeded, or exceptionally with why it failed
     */
    CompletableFuture<Void> startTls(SSLEngine engine);

    /**
     * Ends the sending side only (TCP half-close) and keeps reading until the server closes, so that
     * nothing it sent before it saw the end is lost; where the stream cannot half-close (TLS), closes it.
     * Call on the I/O thread.
     */
    void shutdownOutput();

    /** Closes the stream; the listener then hears {@code onClosed(null)}. Thread-safe; idempotent. */
    void close();
}
