package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.ReconnectBufferOverflowException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection's outbound bytes: many threads encode into the active buffer under one lock; the
 * I/O thread takes the whole buffer at once and writes it with one call (write coalescing).
 *
 * <p>Policy, from measurements on the I/O prototype: the I/O side is woken only when the buffer goes
 * from empty to non-empty; while a batch is still being written the next one is not taken, so batches
 * grow when the socket is busy ("await" flush); a publisher that finds no room waits only for the
 * event it needs (a swap), never for every write. Two direct buffers alternate, so a steady stream
 * allocates nothing. Producers: any thread, through {@link #begin}/{@link #end}; drain side: the I/O
 * thread only ({@link #drain}, {@link #written}).
 *
 * <p>While the connection is down (and before its first handshake) nothing is drained: what is
 * accepted stays here, bounded by the reconnect buffer size, and {@link #resume} writes it first once a
 * server is back. A publish that does not fit fails at once; nothing accepted is dropped.
 */
public final class OutboundBuffer {
    /** Where batches go; implemented by the connection over its transport. */
    public interface Sink {
        /** Asks for {@link #drain} to run soon on the I/O thread. Called outside the lock. */
        void wake();

        /**
         * Writes a batch (position 0 to limit); must call {@link #written} on the I/O thread when done.
         *
         * @param batch the bytes
         */
        void write(ByteBuffer batch);

        /**
         * Writes from the calling thread now, without blocking or waking the I/O thread, if the
         * transport allows it. Called with the lock held and no batch in flight.
         *
         * @param data bytes to write, position to limit; the position advances by what was written
         * @return bytes written, or -1 when not possible now
         */
        int writeNow(ByteBuffer data);

        /**
         * The bytes waiting passed the backlog alarm ({@link #backlogAlarm}); called once per episode,
         * outside the lock, on the publishing thread.
         *
         * @param pendingBytes bytes accepted and not yet handed to the transport
         */
        default void backlog(long pendingBytes) {
        }
    }

    private static final int INITIAL = 32 * 1024;
    /** Largest buffer always recycled after its write; a bigger one only while batches stay big. */
    static final int KEEP_AT_MOST = 4 * 1024 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition swapped = lock.newCondition();
    private final int maxBatch;
    private final Sink sink;
    // guarded by lock
    private ByteBuffer active = ByteBuffer.allocateDirect(INITIAL);
    private boolean flushScheduled;
    private int waiters;
    private boolean closed;
    private String closedReason = "connection closed";
    private long messages;
    private long bytes;
    private long batches;
    private boolean connected;
    private final long reconnectBufferBytes;
    /** The backlog alarm's threshold (0: none), and whether its episode is on. */
    private volatile long backlogAlarmBytes;
    private boolean backlogRaised;
    /** PINGs written into the active buffer since it was last taken: their PONGs are still to come. */
    private int pingsInActive;
    /**
     * Bytes at the head of the active buffer that a write-through left behind: the tail of a frame
     * whose head is already on the current link, and the frames after it. They are as good as in flight
     * on that link: written by the next drain, or forgotten with the link at a disconnect (like a batch
     * in flight), since on another link they would start with a torn frame.
     */
    private int tornHead;
    /**
     * A batch is with the sink: nothing may be written beside it until {@link #written}. Set under the
     * lock by {@link #drain}; cleared by the I/O thread without it (a publisher that reads a stale true
     * only takes the usual path), so the I/O thread never waits for a publisher's lock per batch.
     */
    private volatile boolean inFlight;
    // I/O thread only
    private ByteBuffer spare;
    private boolean writing;
    private boolean deferred;

    /**
     * Creates the buffer.
     *
     * @param maxPendingBytes bound on bytes waiting (both buffers together)
     * @param reconnectBufferBytes bound on bytes kept while disconnected (0: refuse publishes then)
     * @param sink where batches go
     */
    public OutboundBuffer(long maxPendingBytes, long reconnectBufferBytes, Sink sink) {
        this.maxBatch = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(INITIAL, maxPendingBytes / 2));
        this.reconnectBufferBytes = reconnectBufferBytes;
        this.sink = sink;
    }

    /**
     * Takes the lock and returns the active buffer with at least {@code bound} bytes of room, waiting
     * for the I/O thread if the bound on pending bytes is reached. Must be followed by {@link #end}
     * in a {@code finally} block, even when this throws nothing and encoding fails.
     *
     * @param bound bytes the caller may write
     * @param waitNanos how long to wait for room; negative to never wait but grow past the bound
     *     (for the I/O thread's own small control frames, which must not wait for itself)
     * @return the buffer to write at its position
     * @throws ConnectionClosedException if closed (the lock is not held then)
     * @throws NatsTimeoutException if no room came in time (the lock is not held then)
     */
    public ByteBuffer begin(int bound, long waitNanos) {
        lock.lock();
        boolean ok = false;
        try {
            if (closed) {
                throw new ConnectionClosedException(closedReason);
            }
            if (!connected && waitNanos >= 0) {
                checkReconnectRoom(bound);
            }
            if (active.remaining() < bound) {
                makeRoom(bound, waitNanos);
            }
            ok = true;
            return active;
        } finally {
            if (!ok) {
                lock.unlock();
            }
        }
    }

    /**
     * Counts what was written since {@link #begin}, releases the lock and wakes the I/O side if this
     * made the buffer non-empty. From a handler of the last queued message (a reply) it writes through
     * instead when the I/O side is idle, see {@link #end(int, long, boolean)}.
     *
     * @param messageCount messages written (0 for control frames)
     * @param payloadBytes payload bytes written
     */
    public void end(int messageCount, long payloadBytes) {
        end(messageCount, payloadBytes, false);
    }

    /**
     * Counts what was written since {@link #begin} and releases the lock. If this made the buffer
     * non-empty, either wakes the I/O side, or, when asked to write through (or in a handler of the last
     * message its dispatcher has queued) and nothing is in flight, writes the bytes from this thread at once: a blocking request and a
     * handler's reply then cost one system call instead of a thread wake-up. Whatever the socket does
     * not take at once is left for the I/O side, woken as usual. Publisher loops on other threads keep
     * the batching path: they never write through.
     *
     * @param messageCount messages written (0 for control frames)
     * @param payloadBytes payload bytes written
     * @param writeThrough whether the caller is about to wait for an answer to these bytes
     */
    public void end(int messageCount, long payloadBytes, boolean writeThrough) {
        boolean wake = false;
        long alarm = 0;
        try {
            messages += messageCount;
            bytes += payloadBytes;
            if (backlogAlarmBytes > 0 && !backlogRaised && active.position() >= backlogAlarmBytes) {
                backlogRaised = true;
                alarm = active.position();
            }
            if (!flushScheduled && active.position() > 0) {
                if (!((writeThrough || DispatchPool.takeWriteThrough()) && writtenThrough())) {
                    flushScheduled = true;
                    wake = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            sink.wake();
        }
        if (alarm > 0) {
            sink.backlog(alarm);
        }
    }

    /**
     * Raises {@link Sink#backlog} when the bytes waiting for the transport reach {@code bytes}: an
     * application publishing faster than the network takes learns of it before publishers have to wait.
     * The episode ends when a batch is taken with less than half of that waiting.
     *
     * @param bytes the threshold; 0 for no alarm
     */
    public void backlogAlarm(long bytes) {
        this.backlogAlarmBytes = bytes;
    }

    /**
     * Drops what is kept for the next server while disconnected (publishes that should not be replayed
     * after all, say before a close). Flushes whose PINGs are among the dropped bytes are handed back to
     * fail.
     *
     * @param keptPings told, under the lock, how many PINGs are in the dropped bytes
     * @param <T> what it returns
     * @return what {@code keptPings} returned
     * @throws IllegalStateException while connected (the bytes are on their way then)
     */
    public <T> T discardKept(java.util.function.IntFunction<T> keptPings) {
        lock.lock();
        try {
            if (connected) {
                throw new IllegalStateException("connected: what is pending is on its way to the server, not kept");
            }
            T t = keptPings.apply(pingsInActive);
            active.clear();
            pingsInActive = 0;
            tornHead = 0;
            if (waiters > 0) {
                swapped.signalAll();
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the whole active buffer from this thread if the sink can; lock held. */
    private boolean writtenThrough() {
        if (!connected || inFlight || pingsInActive != 0) {
            return false;
        }
        active.flip();
        int n = sink.writeNow(active);
        if (n <= 0) {
            // not possible now, or the socket took nothing (no frame started): as if not tried
            active.position(active.limit()).limit(active.capacity());
            return false;
        }
        batches++;
        if (active.hasRemaining()) {
            active.compact();
            tornHead = active.position();
            return false;
        }
        active.clear();
        tornHead = 0;
        if (waiters > 0) {
            swapped.signalAll();
        }
        return true;
    }

    private void checkReconnectRoom(int bound) {
        if (reconnectBufferBytes == 0) {
            throw new ReconnectBufferOverflowException("not connected, and the reconnect buffer is disabled"
                + " (Reconnect.bufferSize 0): the message was not kept");
        }
        if (active.position() + (long) bound > reconnectBufferBytes) {
            throw new ReconnectBufferOverflowException("not connected, and the reconnect buffer is full ("
                + active.position() + " of " + reconnectBufferBytes + " bytes used): the message was not kept");
        }
    }

    private void makeRoom(int bound, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        while (active.remaining() < bound) {
            int used = active.position();
            if (used + bound <= maxBatch || used == 0 || waitNanos < 0 || !connected) {
                grow(used + bound);
                return;
            }
            if (!flushScheduled) {
                flushScheduled = true;
                lock.unlock();
                try {
                    sink.wake();
                } finally {
                    lock.lock();
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NatsTimeoutException("outbound buffer full (" + used
                    + " bytes pending): the server or network is not keeping up");
            }
            waiters++;
            try {
                swapped.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionClosedException("interrupted while waiting for outbound room", e);
            } finally {
                waiters--;
            }
            if (closed) {
                throw new ConnectionClosedException(closedReason);
            }
            if (!connected) {
                checkReconnectRoom(bound);
            }
        }
    }

    private void grow(int need) {
        int cap = active.capacity();
        while (cap < need) {
            cap = cap > (Integer.MAX_VALUE >> 1) ? need : cap * 2;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap);
        active.flip();
        bigger.put(active);
        active = bigger;
    }

    /**
     * Takes everything pending and hands it to the sink, unless a batch is still being written (then
     * the next batch waits and grows). I/O thread only.
     */
    public void drain() {
        if (writing) {
            deferred = true;
            return;
        }
        ByteBuffer batch;
        lock.lock();
        try {
            flushScheduled = false;
            if (!connected || active.position() == 0) {
                return;
            }
            pingsInActive = 0;
            tornHead = 0;
            if (backlogRaised && active.position() < backlogAlarmBytes / 2) {
                backlogRaised = false;
            }
            batch = active;
            ByteBuffer next = spare;
            spare = null;
            active = next != null ? next : ByteBuffer.allocateDirect(INITIAL);
            batches++;
            inFlight = true;
            if (waiters > 0) {
                swapped.signalAll();
            }
        } finally {
            lock.unlock();
        }
        batch.flip();
        writing = true;
        sink.write(batch);
    }

    /**
     * The sink finished writing a batch; recycles it and writes what gathered meanwhile. I/O thread only.
     *
     * @param batch the buffer given to {@link Sink#write}
     */
    public void written(ByteBuffer batch) {
        writing = false;
        inFlight = false;
        if (keeps(batch.capacity(), batch.limit())) {
            batch.clear();
            spare = batch;
        }
        if (deferred) {
            deferred = false;
            drain();
        }
    }

    /**
     * Whether a written buffer is recycled: up to {@link #KEEP_AT_MOST} always; a bigger one while it
     * still carries big batches (a quarter of it or more), so a steady stream faster than the socket
     * reuses the same two buffers. Dropping a big buffer after every write made the publisher grow a
     * fresh one again, zeroing and faulting in new direct memory on its own thread: perf showed 63 % of
     * a 128 B publisher's CPU in the kernel for that, and throughput doubled without it. Once traffic
     * calms, a big buffer carrying a small batch is let go.
     *
     * @param capacity the buffer's capacity
     * @param batchBytes what the batch it carried held
     * @return whether to keep it as the spare
     */
    static boolean keeps(int capacity, int batchBytes) {
        return capacity <= KEEP_AT_MOST || batchBytes >= capacity / 4;
    }

    /**
     * Whether a batch is being written. I/O thread only.
     *
     * @return true while the sink has a batch
     */
    public boolean isWriting() {
        return writing;
    }

    /**
     * The transport is gone: stop draining, forget the batch in flight (its fate is unknown), keep what
     * is pending for the next server, and hold new publishes to the reconnect bound. I/O thread.
     *
     * @param keptPings told, under the lock, how many PINGs are in the kept bytes (their PONGs will come
     *     from the next server), so that no PING can slip in between counting them and acting on it
     * @param <T> what it returns
     * @return what {@code keptPings} returned
     */
    public <T> T disconnected(java.util.function.IntFunction<T> keptPings) {
        lock.lock();
        try {
            connected = false;
            flushScheduled = false;
            inFlight = false;
            writing = false;
            deferred = false;
            if (tornHead > 0) {
                // what a partial write-through left is the rest of a frame the lost link already has part of
                active.flip().position(tornHead);
                active.compact();
                tornHead = 0;
            }
            if (waiters > 0) {
                swapped.signalAll();
            }
            return keptPings.apply(pingsInActive);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops handing batches to the transport while it is being left (closed after its pending writes, or
     * half-closed for a lame-duck server): the batch in flight finishes, what comes after is kept, bounded
     * by the reconnect buffer, for the next server, exactly as while disconnected. Steady publishing can
     * then no longer put the close off for ever by always having the next batch ready. I/O thread.
     */
    public void hold() {
        lock.lock();
        try {
            connected = false;
            flushScheduled = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A server is connected and its handshake done: write what was kept, then carry on. I/O thread of
     * the new transport, after anything that must precede the kept bytes (CONNECT, subscriptions).
     */
    public void resume() {
        lock.lock();
        try {
            connected = true;
            flushScheduled = true;
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** Notes a PING written under the current {@link #begin}; called with the lock held. */
    public void notePing() {
        pingsInActive++;
    }

    /**
     * Whether batches flow to a transport.
     *
     * @return false while disconnected or before the first handshake
     */
    public boolean isConnected() {
        lock.lock();
        try {
            return connected;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses all further writes; waiting publishers fail.
     *
     * @param reason the message of the exceptions thrown from now on
     */
    public void close(String reason) {
        lock.lock();
        try {
            closed = true;
            closedReason = reason;
            swapped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@link #close} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counters: messages and payload bytes accepted, batches handed to the sink.
     *
     * @return {messages, bytes, batches}
     */
    public long[] counters() {
        lock.lock();
        try {
            return new long[] {messages, bytes, batches};
        } finally {
            lock.unlock();
        }
    }

    /**
     * Bytes accepted and not yet handed to the sink.
     *
     * @return pending bytes in the active buffer
     */
    public int pendingBytes() {
        lock.lock();
        try {
            return active.position();
        } finally {
            lock.unlock();
        }
    }
}
