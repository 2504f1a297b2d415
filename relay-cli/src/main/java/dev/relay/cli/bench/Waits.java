package dev.relay.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Bounded waits and fan-out shared by the Relay and jnats workloads, so both sides wait the same way:
 * every wait has the same generous limit and a stuck run fails with a message instead of hanging.
 * Stateless; thread-safe.
 */
public final class Waits {

    /** How long to wait for subscribers, replies or worker threads before calling the run failed. */
    public static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private Waits() {
    }

    /**
     * Waits for a latch.
     *
     * @param latch the latch
     * @param what what is awaited, for the error message
     * @throws IllegalStateException if it did not open in time
     */
    public static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(what + ": " + latch.getCount() + " still missing after "
                    + WAIT_NANOS / 1_000_000 + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /**
     * Takes permits of a request window.
     *
     * @param window the semaphore
     * @param permits how many
     * @throws IllegalStateException if they were not released in time
     */
    public static void acquire(Semaphore window, int permits) {
        try {
            if (!window.tryAcquire(permits, WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("requests still outstanding after " + WAIT_NANOS / 1_000_000 + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replies", e);
        }
    }

    /**
     * Runs {@code body(0..n-1)} on {@code n} new platform threads and waits for all of them; with one it
     * runs on the caller's thread.
     *
     * @param n how many
     * @param name thread name prefix
     * @param body the work of one thread, given its index
     */
    public static void onThreads(int n, String name, IntConsumer body) {
        if (n == 1) {
            body.accept(0);
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            threads.add(new Thread(() -> {
                try {
                    body.accept(index);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, name + "-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(WAIT_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + t.getName(), e);
            }
        }
        rethrow(failure.get());
    }

    /**
     * Runs {@code body(0..n-1)} as {@code n} tasks of an executor and waits for all of them.
     *
     * @param executor where the tasks run (e.g. one virtual thread each)
     * @param n how many
     * @param body the work of one task, given its index
     */
    public static void onExecutor(ExecutorService executor, int n, IntConsumer body) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            running.add(executor.submit(() -> body.accept(index)));
        }
        for (Future<?> f : running) {
            try {
                f.get(WAIT_NANOS, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                rethrow(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("tasks did not finish in " + WAIT_NANOS / 1_000_000 + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for tasks", e);
            }
        }
    }

    /**
     * Throws a failure collected from another thread, unchecked; does nothing for null.
     *
     * @param failure the failure, or null
     */
    public static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
