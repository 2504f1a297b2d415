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
    private static final ForkJoinPool POOL = create();

    private DispatchPool() {
    }

    static ForkJoinPool get() {
        return POOL;
    }

    private static ForkJoinPool create() {
        int threads = Integer.getInteger("relay.nats.dispatchThreads",
            Math.max(2, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("relay-nats-dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ForkJoinPool(threads, factory, null, true);
    }
}
