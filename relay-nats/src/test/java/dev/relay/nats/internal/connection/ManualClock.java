package dev.relay.nats.internal.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Clock} that moves only when a test says so: {@link #advance} runs, on the calling thread and
 * in deadline order, every task that became due, including tasks those tasks schedule. Thread-safe, so
 * racing tests may advance it from one thread while others read it.
 */
final class ManualClock implements Clock {
    private long now = 1_000_000_000L;
    private long seq;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due
        ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final AtomicInteger scheduled = new AtomicInteger();

    private static final class Task {
        final long due;
        final long seq;
        final Runnable body;
        volatile boolean cancelled;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Runnable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), seq++, task);
        tasks.add(t);
        scheduled.incrementAndGet();
        return () -> t.cancelled = true;
    }

    /**
     * Moves time forward and runs what became due; a task that throws is dropped, as the real timer does.
     *
     * @param d how far
     */
    void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    void advanceNanos(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = tasks.peek();
                if (t == null || t.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, t.due);
            }
            if (!t.cancelled) {
                try {
                    t.body.run();
                } catch (RuntimeException e) {
                    // the real timer logs and forgets a failed task
                }
            }
        }
    }

    /** Tasks scheduled so far, cancelled ones included. */
    int scheduledCount() {
        return scheduled.get();
    }

    /** Tasks waiting, not cancelled. */
    synchronized List<Long> pendingDueTimes() {
        List<Long> out = new ArrayList<>();
        for (Task t : tasks) {
            if (!t.cancelled) {
                out.add(t.due);
            }
        }
        return out;
    }
}
