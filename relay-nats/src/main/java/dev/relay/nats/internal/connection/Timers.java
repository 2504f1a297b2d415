package dev.relay.nats.internal.connection;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer behind request timeouts: a single daemon thread, {@code relay-nats-timer}, shared by
 * every connection. Requests of equal timeouts are queued behind earlier ones, so arming a timer
 * rarely wakes anything (unlike scheduling on an I/O event loop from the caller's thread, which can
 * cost a wake-up per request); a cancelled timer is removed at once. Thread-safe.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timers() {
    }

    /**
     * Runs a short task after a delay on the timer thread.
     *
     * @param task must not block
     * @param delayNanos delay in nanoseconds
     * @return a handle whose {@code run()} cancels the task
     */
    static Runnable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "relay-nats-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
