package dev.relay.cli.bench;

import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark subscriber: counts the messages it is handed and opens a latch as the count reaches
 * each milestone (e.g. end of warm-up, end of the timed section). Per message it does one increment
 * and two compares. Called by one dispatcher at a time (the dispatcher's hand-over orders the
 * writes); {@link #await} may be called from any thread.
 *
 * <p>{@code nc.subscribe("bench.msgs", new CountingHandler(progress, 200_000, 1_200_000))}
 */
public final class CountingHandler implements MessageHandler {
    private final long[] milestones;
    private final long[] reachedNanos;
    private final CountDownLatch[] reached;
    private final Progress progress;
    // written by the delivering thread only
    private long count;
    private int next;
    private long target;
    private long firstNanos;

    /**
     * Creates a counter.
     *
     * @param progress told every {@link Progress#STEP} messages
     * @param milestones ascending counts to wait for; those of 0 or less count as reached at once
     */
    public CountingHandler(Progress progress, long... milestones) {
        this.progress = progress;
        this.milestones = milestones.clone();
        this.reachedNanos = new long[milestones.length];
        this.reached = new CountDownLatch[milestones.length];
        for (int i = 0; i < milestones.length; i++) {
            reached[i] = new CountDownLatch(1);
            if (milestones[i] <= 0) {
                reached[i].countDown();
                next = i + 1;
            }
        }
        this.target = next < milestones.length ? milestones[next] : -1;
    }

    @Override
    public void onMessage(Message message) {
        long n = ++count;
        if (n == 1) {
            firstNanos = System.nanoTime();
        }
        if ((n & Progress.MASK) == 0) {
            progress.step();
        }
        if (n == target) {
            reachedNanos[next] = System.nanoTime();
            reached[next].countDown();
            next++;
            target = next < milestones.length ? milestones[next] : -1;
        }
    }

    /**
     * Waits until a milestone is reached.
     *
     * @param milestone index into the milestones given at construction
     * @param timeoutNanos how long to wait; 0 or less waits without limit
     * @throws IllegalStateException if the count did not get there in time
     */
    public void await(int milestone, long timeoutNanos) {
        try {
            if (timeoutNanos <= 0) {
                reached[milestone].await();
            } else if (!reached[milestone].await(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("subscriber counted " + count + " of "
                    + milestones[milestone] + " messages within " + timeoutNanos / 1_000_000 + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the subscriber", e);
        }
    }

    /**
     * When the first message arrived (valid once a milestone after it was awaited).
     *
     * @return {@link System#nanoTime()} of the first message
     */
    public long firstNanos() {
        return firstNanos;
    }

    /**
     * When a milestone was reached (valid once it was awaited).
     *
     * @param milestone index of the milestone
     * @return {@link System#nanoTime()} of the message that reached it
     */
    public long reachedNanos(int milestone) {
        return reachedNanos[milestone];
    }

    @Override
    public String toString() {
        return "CountingHandler{count=" + count + ", milestones=" + Arrays.toString(milestones) + "}";
    }
}
