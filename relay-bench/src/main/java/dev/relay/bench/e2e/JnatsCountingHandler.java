package dev.relay.bench.e2e;

import dev.relay.cli.bench.Progress;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The jnats twin of {@link dev.relay.cli.bench.CountingHandler}: counts messages and opens a latch at
 * each milestone, with the same per-message work (one increment, two compares). Called by one jnats
 * dispatcher thread; {@link #await} may be called from any thread.
 */
final class JnatsCountingHandler implements MessageHandler {
    private final long[] milestones;
    private final CountDownLatch[] reached;
    private final Progress progress;
    // written by the dispatcher thread only
    private long count;
    private int next;
    private long target;
    private long firstNanos;

    JnatsCountingHandler(Progress progress, long... milestones) {
        this.progress = progress;
        this.milestones = milestones.clone();
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
            reached[next].countDown();
            next++;
            target = next < milestones.length ? milestones[next] : -1;
        }
    }

    /** Waits until milestone {@code milestone} is reached, at most {@code timeoutNanos}. */
    void await(int milestone, long timeoutNanos) {
        try {
            if (!reached[milestone].await(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("subscriber counted " + count + " of "
                    + milestones[milestone] + " messages within " + timeoutNanos / 1_000_000 + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the subscriber", e);
        }
    }

    /** When the first message arrived; valid once a later milestone was awaited. */
    long firstNanos() {
        return firstNanos;
    }
}
