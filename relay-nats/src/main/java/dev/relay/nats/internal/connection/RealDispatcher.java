package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Dispatcher;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dispatcher: a queue of messages for its subscriptions, run on the shared {@link DispatchPool} one
 * batch at a time (never on two threads at once), so its handlers see messages in arrival order.
 * The I/O thread enqueues; scheduling happens only when the dispatcher is idle. An inline dispatcher
 * has no queue: its subscriptions run their handlers on the I/O thread. Thread-safe.
 */
final class RealDispatcher implements Dispatcher, Runnable {
    private static final int BATCH = 256;

    private final RealConnection connection;
    private final MessageQueue queue = new MessageQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Set<RealSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean active = true;
    private final boolean inline;
    private final java.util.concurrent.Executor executor;
    /** A lane serves exactly one subscription made with {@code Connection.subscribe(…, handler)}; it ends with it. */
    private final boolean lane;
    /**
     * Messages of the current read batch, linked through their own {@code next} and handed to the queue
     * in one step at the end of the batch: one atomic exchange per batch instead of one per message.
     * I/O thread only; non-null exactly while this dispatcher is on the read batch's list to schedule.
     */
    private RealMessage batchFirst;
    private RealMessage batchLast;
    private final PendingLimits pending;
    private volatile long dropped;
    /** For subscriptions made without a handler; null when none was given. */
    private volatile MessageHandler defaultHandler;
    /** The thread running this dispatcher's handlers right now, or null. */
    private volatile Thread runner;

    RealDispatcher(RealConnection connection, boolean inline, boolean lane) {
        this.connection = connection;
        this.inline = inline;
        this.lane = lane;
        this.executor = connection.options().dispatchExecutor()
            .orElseGet(DispatchPool::get);
        this.pending = new PendingLimits(connection.options().dispatcherPendingMessagesLimit(),
            connection.options().dispatcherPendingBytesLimit());
    }

    /**
     * Whether one more message of {@code size} bytes fits the dispatcher's own limits; counts a drop
     * if not. I/O thread.
     */
    boolean admits(int size) {
        if (!pending.fits(size)) {
            dropped = dropped + 1;
            return false;
        }
        return true;
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
    public long droppedMessages() {
        return dropped;
    }

    /** Whether handlers run on the I/O thread as messages are read (nothing is queued). */
    boolean isInline() {
        return inline;
    }

    /**
     * Queues a message: it joins the read batch's chain and reaches the queue, and the dispatcher is
     * scheduled, once at the end of the read batch (see {@link #schedule()}), not per message: waking a
     * pool thread for every idle → busy transition cost more than the delivery itself. I/O thread.
     *
     * @param m a message not in any queue (a new one: its {@code next} is null)
     */
    void enqueue(RealMessage m) {
        pending.add(m.size());
        if (batchLast == null) {
            batchFirst = m;
            batchLast = m;
            connection.dispatcherHasWork(this);
        } else {
            batchLast.next = m;
            batchLast = m;
        }
    }

    /**
     * Hands the read batch's messages to the queue and runs the dispatcher on the pool unless it is
     * running already. I/O thread, end of a read batch.
     */
    void schedule() {
        RealMessage first = batchFirst;
        if (first != null) {
            queue.pushAll(first, batchLast);
            batchFirst = null;
            batchLast = null;
        }
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            executor.execute(this);
        }
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            runBatch();
        } finally {
            runner = null;
        }
        scheduled.set(false);
        // A message queued after the last poll saw 'scheduled' still true and did not schedule us.
        if (queue.hasNext() && scheduled.compareAndSet(false, true)) {
            executor.execute(this);
        }
    }

    /** Whether the calling thread is running one of this dispatcher's handlers (inline: the I/O thread). */
    boolean runsHandlerHere() {
        return inline ? connection.inIoThread() : runner == Thread.currentThread();
    }

    private void runBatch() {
        RealMessage m;
        int n = 0;
        DispatchPool.Worker worker = DispatchPool.worker();
        while (n < BATCH && (m = queue.poll()) != null) {
            if (worker != null) {
                worker.lastInBatch = !queue.hasNext();
            }
            m.realSubscription().deliver(m, true);
            pending.remove(m.size());
            n++;
        }
        if (worker != null) {
            worker.lastInBatch = false;
        }
    }

    /** Sets the handler of subscriptions made without one. */
    void defaultHandler(MessageHandler handler) {
        this.defaultHandler = handler;
    }

    void removed(RealSubscription sub) {
        subscriptions.remove(sub);
        if (lane) {
            active = false;
            connection.dispatcherClosed(this);
        }
    }

    @Override
    public Subscription subscribe(String subject) {
        return subscribe(subject, (String) null);
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup) {
        MessageHandler h = defaultHandler;
        if (h == null) {
            throw new IllegalStateException("this dispatcher has no default handler: give one to "
                + "createDispatcher(handler), or subscribe with a handler");
        }
        return subscribe(subject, queueGroup, h);
    }

    @Override
    public Subscription subscribe(String subject, MessageHandler handler) {
        return subscribe(subject, null, handler);
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup, MessageHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler: must not be null");
        }
        if (!active) {
            throw new ConnectionClosedException("dispatcher is closed");
        }
        if (lane && !subscriptions.isEmpty()) {
            throw new IllegalStateException("a subscription's own lane serves that subscription only");
        }
        RealSubscription sub = connection.subscribe(subject, queueGroup, this, handler);
        subscriptions.add(sub);
        return sub;
    }

    @Override
    public void drain(Duration timeout) {
        long nanos = RealConnection.positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("drain()", "drainAsync(…)");
        CompletableFuture<Void> done = drainAsync(timeout);
        if (!done.isDone() && runsHandlerHere()) {
            throw new IllegalStateException("drain() was called from one of this dispatcher's handlers, where "
                + "it could only wait for itself: the drain was started and finishes once the handler returns; "
                + "use drainAsync(timeout) there");
        }
        Futures.await(done, nanos, "draining dispatcher");
    }

    @Override
    public CompletableFuture<Void> drainAsync(Duration timeout) {
        long nanos = RealConnection.positiveNanos(timeout, "timeout");
        active = false;
        List<RealSubscription> subs = new ArrayList<>(subscriptions);
        return Futures.withTimeout(connection.clock(), connection.drainSubscriptions(subs), nanos, "draining dispatcher");
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        active = false;
        for (RealSubscription s : new ArrayList<>(subscriptions)) {
            s.unsubscribe();
        }
        connection.dispatcherClosed(this);
    }

    /** Stops delivery because the connection closed. */
    void connectionClosed() {
        active = false;
        subscriptions.clear();
    }
}
