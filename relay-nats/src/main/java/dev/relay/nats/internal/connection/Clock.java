package dev.relay.nats.internal.connection;

/**
 * Monotonic time and delayed tasks for a connection's timers (request deadlines, drain limits): the
 * system's by default ({@link #SYSTEM}), a manual one in unit tests, so deadline logic is driven without
 * sleeping. Implementations are thread-safe.
 */
interface Clock {
    /** The system clock: {@link System#nanoTime()} and the shared timer thread of {@link Timers}. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            return Timers.schedule(task, delayNanos);
        }
    };

    /**
     * Monotonic time.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * Runs a short task once after a delay, on a timer thread. An exception from the task is the task's
     * own business: it never cancels other tasks.
     *
     * @param task must not block
     * @param delayNanos delay in nanoseconds (0 or less: as soon as possible)
     * @return a handle whose {@code run()} cancels the task if it has not started
     */
    Runnable schedule(Runnable task, long delayNanos);
}
