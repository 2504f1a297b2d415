package dev.relay.nats.internal.connection;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer thread, {@code relay-nats-timer}, shared by every connection: request deadlines (one
 * task per connection armed at its earliest deadline, see {@link RequestMux}) and drain limits, never a
 * task per request. A task that throws is logged and forgotten; it cannot stop the thread or another
 * task. Thread-safe.
 */
final class Timers {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    private static volatile ScheduledThreadPoolExecutor timer;

    private Timers() {
    }

    /**
     * Runs a short task once after a delay on the timer thread.
     *
     * @param task must not block
     * @param delayNanos the delay in nanoseconds
     * @return a handle whose {@code run()} cancels it
     */
    static Runnable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = timer().schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("timer task failed; later tasks are unaffected", e);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (Timers.class) {
                t = timer;
                if (t == null) {
                    t = create();
                    timer = t;
                }
            }
        }
        return t;
    }

    /** Cancels what is scheduled and ends the thread; the next use makes a new one. */
    static synchronized void shutdown() {
        ScheduledThreadPoolExecutor t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
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
