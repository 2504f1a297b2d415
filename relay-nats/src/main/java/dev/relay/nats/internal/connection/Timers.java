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
    private static final Shared<ScheduledThreadPoolExecutor> TIMER = new Shared<>(Timers::create,
        ScheduledThreadPoolExecutor::shutdownNow);

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
        ScheduledFuture<?> f = TIMER.get().schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("timer task failed; later tasks are unaffected", e);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Cancels what is scheduled and ends the thread; the next use makes a new one. */
    static void shutdown() {
        TIMER.shutdown();
    }

    /** The timer thread: every connection's deadlines depend on it, so nothing may block on it. */
    private static final class TimerThread extends Thread {
        TimerThread(Runnable r) {
            super(r, "relay-nats-timer");
        }
    }

    /**
     * Whether the calling thread is the timer thread (a timeout's callbacks run there).
     *
     * @return true on it
     */
    static boolean onTimerThread() {
        return Thread.currentThread() instanceof TimerThread;
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new TimerThread(r);
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
