package dev.relay.nats.internal.connection;

import dev.relay.nats.Durations;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Subscription;
import dev.relay.nats.internal.protocol.Ascii;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscription: its pending limits and counters, its auto-unsubscribe count and drain, and where
 * its messages go: its own queue read by {@link #nextMessage} (synchronous), a {@link RealDispatcher}
 * (asynchronous), or a handler run on the I/O thread (internal, used by the request multiplexer).
 * {@link #offer} runs on the I/O thread; the rest is thread-safe.
 */
final class RealSubscription implements Subscription, SubscriptionRegistry.Entry {
    private static final int ACTIVE = 0;
    private static final int DRAINING = 1;
    private static final int CLOSED = 2;
    private static final long[] NO_WORDS = new long[0];

    private final long sid;
    private final String subject;
    private final String queueGroup;
    private final RealConnection connection;
    private final RealDispatcher dispatcher;
    private final MessageHandler handler;
    private final boolean direct;
    // synchronous delivery
    private final MessageQueue queue;
    private final ReentrantLock consumerLock;
    private volatile Thread waiter;
    // limits and counters
    private final PendingLimits pending;
    private volatile long received;
    private volatile long dropped;
    /**
     * Messages handed to the handler or the reader. Written by the one consumer at a time with a release
     * store (no fence per message), read by any thread.
     */
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
    private boolean slow;
    /** Messages with malformed headers; I/O thread only. */
    private long malformedHeaders;
    private volatile long max;
    private volatile int state = ACTIVE;
    /** Set once the server confirmed the drain's UNSUB: only then can nothing more arrive. */
    private volatile boolean drainConfirmed;
    private volatile dev.relay.nats.AuthorizationException denial;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    // I/O thread only: last subject seen, to reuse its String
    private byte[] lastSubjectBytes = new byte[0];
    /** Its words once the subject has repeated; null until then. */
    private long[] lastSubjectWords;
    private String lastSubject = "";

    RealSubscription(long sid, String subject, String queueGroup, RealConnection connection,
                     RealDispatcher dispatcher, MessageHandler handler, boolean direct) {
        this.sid = sid;
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.handler = handler;
        this.direct = direct;
        boolean sync = handler == null;
        this.queue = sync ? new MessageQueue() : null;
        this.consumerLock = sync ? new ReentrantLock() : null;
        this.pending = new PendingLimits(connection.options().pendingMessagesLimit(),
            connection.options().pendingBytesLimit());
    }

    @Override
    public long sid() {
        return sid;
    }

    RealConnection connection() {
        return connection;
    }

    RealDispatcher dispatcher() {
        return dispatcher;
    }

    String queueOrNull() {
        return queueGroup;
    }

    /** Reuses the subject String when the bytes match the previous message's. I/O thread only. */
    String subjectString(java.nio.ByteBuffer buf, int off, int len) {
        byte[] last = lastSubjectBytes;
        long[] words = lastSubjectWords;
        if (last.length == len && Ascii.equalsAt(buf, off, last, words == null ? NO_WORDS : words)) {
            if (words == null) {
                // the subject repeats: compare it a word at a time from now on
                lastSubjectWords = Ascii.words(last);
            }
            return lastSubject;
        }
        byte[] b = new byte[len];
        buf.get(off, b);
        lastSubjectBytes = b;
        // not yet: subjects that change with every message (a request inbox) would pay for it each time
        lastSubjectWords = null;
        lastSubject = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        return lastSubject;
    }

    /**
     * Takes a message from the server: counts it, applies the auto-unsubscribe count and the pending
     * limits, and queues it for delivery. I/O thread only.
     *
     * @param m the message
     * @return false if it was dropped over the pending limits
     */
    boolean offer(RealMessage m) {
        long n = received + 1;
        long limit = max;
        if (limit > 0 && n >= limit) {
            if (n > limit) {
                received = n;
                return true;
            }
            connection.forget(this);
        }
        if (direct) {
            received = n;
            deliver(m, false);
            return true;
        }
        int size = m.size();
        if (!pending.fits(size) || (dispatcher != null && !dispatcher.admits(size))) {
            received = n;
            dropped = dropped + 1;
            if (!slow) {
                slow = true;
                connection.slowConsumer(this);
            }
            return false;
        }
        if (slow && pending.belowHalf()) {
            slow = false;
        }
        pending.add(size);
        // Counted as received only after it is counted as pending (see checkFinished).
        received = n;
        if (dispatcher != null) {
            dispatcher.enqueue(m);
        } else {
            queue.push(m);
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
        return true;
    }

    /**
     * A message of this subscription came with a header block a strict reader refuses; it is delivered
     * all the same. The first such message of a subscription is reported to the error listener, the
     * rest only counted, so one bad publisher cannot flood the listener. I/O thread only.
     */
    void malformedHeaders(String problem) {
        if (malformedHeaders++ == 0) {
            connection.reportError(new dev.relay.nats.NatsException("a message on '" + subject
                + "' has malformed headers (" + problem + "); it was delivered with the lines that could be "
                + "read, and Message.rawHeaders() holds the block as received. Later ones on this "
                + "subscription are delivered without a report."));
        }
    }

    /** Runs the handler for a message taken from the dispatcher's queue; dispatcher thread only. */
    void deliver(RealMessage m, boolean counted) {
        if (state != CLOSED && !(counted && allDelivered())) {
            try {
                handler.onMessage(m);
            } catch (RuntimeException | Error e) {
                connection.handlerFailed(this, e);
            }
        }
        if (counted) {
            taken(m);
        }
    }

    /** Accounts for a message leaving the pending queue and finishes a drain or auto-unsubscribe. */
    private void taken(RealMessage m) {
        delivered.lazySet(delivered.get() + 1);
        int left = pending.remove(m.size());
        if (left == 0 || allDelivered()) {
            checkFinished();
        }
    }

    /**
     * Whether the auto-unsubscribe count was handed out in full. Only messages received past the count
     * before the count was set (a race with the I/O thread) can still be queued then; they are dropped.
     */
    private boolean allDelivered() {
        long limit = max;
        return limit > 0 && delivered.get() >= limit;
    }

    private void checkFinished() {
        if (allDelivered()) {
            finish();
            return;
        }
        long limit = max;
        // Read received before pending: offer() counts a message as pending before it counts it as
        // received, so seeing the max reached here means the last message is already counted as
        // pending, and the subscription cannot end while that message is still on its way to the queue.
        boolean maxReached = limit > 0 && received >= limit;
        if (pending.messages() != 0) {
            return;
        }
        // A drain ends only after the server confirmed the UNSUB: until then messages may still be in
        // flight, and ending at an empty queue earlier would silently discard them.
        if ((state == DRAINING && drainConfirmed) || maxReached) {
            finish();
        }
    }

    /** Ends the subscription once nothing more is to be delivered. */
    private void finish() {
        close(false);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public Optional<String> queue() {
        return Optional.ofNullable(queueGroup);
    }

    @Override
    public Message nextMessage(Duration timeout) {
        if (queue == null) {
            throw new IllegalStateException("subscription on '" + subject
                + "' delivers to a handler; nextMessage is only for synchronous subscriptions");
        }
        long timeoutNanos = RealConnection.positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("nextMessage()", "a subscription with a handler");
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            if (!consumerLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new NatsTimeoutException("no message on '" + subject + "' within " + Durations.format(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while waiting for a message", e);
        }
        try {
            while (true) {
                if (state == CLOSED) {
                    dev.relay.nats.AuthorizationException d = denial;
                    if (d != null) {
                        throw new dev.relay.nats.AuthorizationException(d.serverMessage());
                    }
                    throw new ConnectionClosedException("subscription on '" + subject + "' is closed");
                }
                RealMessage m = queue.poll();
                if (m != null) {
                    if (allDelivered()) {
                        // past the auto-unsubscribe count: received before the count was set
                        pending.remove(m.size());
                        continue;
                    }
                    taken(m);
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NatsTimeoutException("no message on '" + subject + "' within " + Durations.format(timeout));
                }
                waitForMessage(left);
            }
        } finally {
            consumerLock.unlock();
        }
    }

    private void waitForMessage(long nanos) {
        waiter = Thread.currentThread();
        try {
            if (!queue.hasNext() && state != CLOSED) {
                ParkBlocker b = new ParkBlocker(queue, nanos);
                try {
                    ForkJoinPool.managedBlock(b);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionClosedException("interrupted while waiting for a message", e);
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Parks the consumer; lets a dispatch pool add a thread while a handler waits here. */
    private static final class ParkBlocker implements ForkJoinPool.ManagedBlocker {
        private final MessageQueue queue;
        private final long nanos;
        private boolean done;

        ParkBlocker(MessageQueue queue, long nanos) {
            this.queue = queue;
            this.nanos = nanos;
        }

        @Override
        public boolean block() throws InterruptedException {
            LockSupport.parkNanos(this, nanos);
            done = true;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return done || queue.hasNext();
        }
    }

    @Override
    public void unsubscribe() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        connection.unsubscribe(this, 0);
        close(false);
    }

    /** The server refused this subscription: it ends, and {@link #nextMessage} says why. */
    void deny(dev.relay.nats.AuthorizationException error) {
        denial = error;
        close(false);
    }

    /** Ends delivery for good: wakes a waiting consumer, completes a pending drain. */
    void close(boolean connectionClosed) {
        state = CLOSED;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        if (dispatcher != null) {
            dispatcher.removed(this);
        }
        if (connectionClosed && pending.messages() > 0) {
            finished.completeExceptionally(new ConnectionClosedException("connection closed while draining"));
        } else {
            finished.complete(null);
        }
    }

    @Override
    public void unsubscribe(int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages: must be at least 1, got " + maxMessages);
        }
        if (state != ACTIVE) {
            return;
        }
        max = maxMessages;
        if (delivered.get() >= maxMessages) {
            unsubscribe();
            return;
        }
        if (received >= maxMessages) {
            // Already there: nothing more from the server, but what is queued is still delivered (ending
            // at once here lost the last messages of a subscription whose reader was behind).
            connection.unsubscribe(this, 0);
            checkFinished();
            return;
        }
        connection.unsubscribe(this, maxMessages);
    }

    /** Starts a drain: marks it, returns the future that completes when everything pending is handled. */
    CompletableFuture<Void> beginDrain() {
        if (state == ACTIVE) {
            state = DRAINING;
        }
        return finished;
    }

    /** After the server confirmed the UNSUB (PONG): nothing more will come; finish once caught up. */
    void drainConfirmed() {
        connection.forget(this);
        drainConfirmed = true;
        checkFinished();
    }

    @Override
    public void drain(Duration timeout) {
        long nanos = RealConnection.positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("drain()", "drainAsync(…)");
        CompletableFuture<Void> done = drainAsync(timeout);
        if (!done.isDone() && runsHandlerHere()) {
            throw new IllegalStateException("drain() was called from a handler of the subscription on '" + subject
                + "', where it could only wait for itself (the message being handled is pending until the handler "
                + "returns): the drain was started and finishes once the handler returns; use drainAsync(timeout) there");
        }
        Futures.await(done, nanos, "draining subscription on '" + subject + "'");
    }

    @Override
    public CompletableFuture<Void> drainAsync(Duration timeout) {
        long nanos = RealConnection.positiveNanos(timeout, "timeout");
        if (state == CLOSED) {
            return CompletableFuture.completedFuture(null);
        }
        return Futures.withTimeout(connection.clock(), connection.drainSubscriptions(java.util.List.of(this)), nanos,
            "draining subscription on '" + subject + "'");
    }

    /** Whether the calling thread is running this subscription's handler right now. */
    boolean runsHandlerHere() {
        if (handler == null) {
            return false;
        }
        return dispatcher != null ? dispatcher.runsHandlerHere() : direct && connection.inIoThread();
    }

    /** Whether a drain was started: such a subscription is not restored after a reconnect. */
    boolean isDraining() {
        return state == DRAINING;
    }

    /** For a restore after reconnect: messages still to go under auto-unsubscribe, or 0 for no limit. */
    long remainingBeforeAutoUnsubscribe() {
        long limit = max;
        return limit > 0 ? Math.max(1, limit - received) : 0;
    }

    @Override
    public boolean isActive() {
        long limit = max;
        return state == ACTIVE && !(limit > 0 && received >= limit && pending.messages() == 0);
    }

    @Override
    public void pendingLimits(int maxMessages, long maxBytes) {
        pending.set(maxMessages, maxBytes);
    }

    @Override
    public int pendingMessages() {
        return pending.messages();
    }

    @Override
    public long pendingBytes() {
        return pending.bytes();
    }

    @Override
    public long receivedMessages() {
        return received;
    }

    @Override
    public long droppedMessages() {
        return dropped;
    }

    @Override
    public String toString() {
        return "Subscription{sid=" + sid + ", subject=" + subject + (queueGroup == null ? "" : ", queue=" + queueGroup) + "}";
    }
}
