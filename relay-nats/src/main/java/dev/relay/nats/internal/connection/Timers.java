package dev.relay.nats.internal.connection;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread, {@code relay-nats-timer}, shared by every connection: it runs the request
 * multiplexers' deadline sweeps (see {@link RequestMux}), never anything per request. Thread-safe.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timers() {
    }

    /**
     * Runs a short task every {@code periodNanos} on the timer thread until cancelled.
     *
     * @param task must not block
     * @param periodNanos the period in nanoseconds
     * @return a handle whose {@code run()} stops it
     */
    static Runnable scheduleAtFixedRate(Runnable task, long periodNanos) {
        ScheduledFuture<?> f = TIMER.scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
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
