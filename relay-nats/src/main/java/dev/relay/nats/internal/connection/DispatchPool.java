package dev.relay.nats.internal.connection;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide pool that runs dispatchers: one thread per core (at least 2), named
 * {@code relay-nats-dispatch-N}, shared by every connection so that a thousand connections do not
 * need a thousand threads. A dispatcher runs on one pool thread at a time, so its handlers see its
 * messages in order. Relay's own blocking calls made from a handler (request, nextMessage, flush)
 * let the pool add a thread while they wait, so handlers may call them safely. Thread-safe.
 */
final class DispatchPool {
    private static final Shared<ForkJoinPool> POOL = new Shared<>(DispatchPool::create, ForkJoinPool::shutdown);

    private DispatchPool() {
    }

    static ForkJoinPool get() {
        return POOL.get();
    }

    /** Ends the pool's threads once their work is done; the next use makes a new pool. */
    static void shutdown() {
        POOL.shutdown();
    }

    /**
     * Whether what the calling thread publishes now should go to the socket from this thread: true once
     * per handler call, on a pool thread running a handler for the last message its dispatcher has
     * queued (its reply then need not wait for an I/O thread wake-up; with more messages queued, replies
     * are batched as usual). Taking it uses it up, so a handler that publishes in a loop writes through
     * at most once and the rest of its publishes coalesce.
     *
     * @return whether to write through
     */
    static boolean takeWriteThrough() {
        if (Thread.currentThread() instanceof Worker w && w.lastInBatch) {
            w.lastInBatch = false;
            return true;
        }
        return false;
    }

    /** @return the calling pool thread, or null when called from another thread */
    static Worker worker() {
        return Thread.currentThread() instanceof Worker w ? w : null;
    }

    /** A pool thread, which notes whether the handler it runs handles the last queued message. */
    static final class Worker extends ForkJoinWorkerThread {
        /** Set by the dispatcher before each handler call; read by publishes on this thread. */
        boolean lastInBatch;

        Worker(ForkJoinPool pool, String name) {
            super(pool);
            setName(name);
            setDaemon(true);
        }
    }

    private static ForkJoinPool create() {
        int threads = Integer.getInteger("relay.nats.dispatchThreads",
            Math.max(2, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory =
            pool -> new Worker(pool, "relay-nats-dispatch-" + n.incrementAndGet());
        return new ForkJoinPool(threads, factory, null, true);
    }
}
