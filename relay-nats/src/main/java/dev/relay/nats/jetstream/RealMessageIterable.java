package dev.relay.nats.jetstream;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Durations;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageIterable}: each wait runs {@link Puller#consume} on the reading thread until one message
 * came (the sink keeps it and stops), so the puller's ledger carries what the open requests owe from
 * one wait to the next and nothing is asked for while nobody reads. Errors are handled as
 * {@link RealPullConsumer}'s consumption does (report, pause growing to 1 s, end when the consumer is
 * confirmed gone). The reading thread holds {@code lock} while it uses the puller; {@link #close()}
 * from another thread only flags the end and the reader closes the puller on its way out (see
 * {@link #closePullerIfDone()} for the race).
 */
final class RealMessageIterable implements MessageIterable, Iterator<JsMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(RealMessageIterable.class);

    private final RealPullConsumer owner;
    private final Puller puller;
    private final Puller.Request request;
    private final ConsumeOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    /** Counted down on close, so a pause between retries ends at once. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean active = true;
    /** Why the iteration ended by itself (consumer gone, connection closed); null while it did not. */
    private volatile NatsException failure;
    private volatile long delivered;
    /** Guarded by lock: the message the last wait got and nobody took yet. */
    private JsMessage peeked;
    /** Guarded by lock. */
    private long pauseMs;
    /** Guarded by lock. */
    private boolean pullerClosed;

    RealMessageIterable(RealPullConsumer owner, Puller puller, ConsumeOptions options) {
        this.owner = owner;
        this.puller = puller;
        this.options = options;
        this.request = new Puller.Request(options.batch(), options.maxBytes(), options.expires(), false,
            options.heartbeat());
    }

    @Override
    public Iterator<JsMessage> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        return await(Long.MAX_VALUE);
    }

    @Override
    public JsMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the iteration over " + where() + " is closed");
        }
        return take();
    }

    @Override
    public JsMessage next(Duration maxWait) {
        Names.checkPositive("maxWait", maxWait);
        if (await(maxWait.toNanos())) {
            return take();
        }
        if (!active) {
            throw new NoSuchElementException("the iteration over " + where() + " is closed");
        }
        throw new NatsTimeoutException("no message from consumer " + where() + " within " + Durations.format(maxWait));
    }

    private JsMessage take() {
        lock.lock();
        try {
            JsMessage m = peeked;
            if (m == null) {
                throw new NoSuchElementException("the iteration over " + where() + " was closed meanwhile");
            }
            peeked = null;
            delivered++;
            return m;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a message is kept in {@code peeked} (true), the iteration is closed or the time is up
     * (false), or it ended by itself (throws why).
     */
    private boolean await(long timeoutNanos) {
        lock.lock();
        try {
            long start = System.nanoTime();
            while (true) {
                NatsException f = failure;
                if (f != null) {
                    throw f;
                }
                if (!active) {
                    return false;
                }
                if (peeked != null) {
                    return true;
                }
                long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
                pullOnce(left);
            }
        } finally {
            lock.unlock();
            closePullerIfDone();
        }
    }

    /** One run of the continuous consume, until a message, the time is up, or an error (handled here). */
    private void pullOnce(long leftNanos) {
        try {
            puller.consume(request, m -> {
                peeked = m;
                return false;
            }, () -> active, leftNanos);
            pauseMs = 0;
        } catch (ConnectionClosedException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // the reader was interrupted; the iteration stays usable
            }
            if (active) {
                end(e);
            }
        } catch (NatsException e) {
            if (!active) {
                return;
            }
            LOG.debug("iterate {}: {}", where(), e.toString());
            if (RealPullConsumer.mayMeanGone(e) && owner.isGone()) {
                end(owner.gone("the iteration"));
                return;
            }
            report(e);
            pauseMs = Math.min(1000, Math.max(50, pauseMs * 2));
            pause(Math.min(pauseMs, TimeUnit.NANOSECONDS.toMillis(leftNanos)));
        }
    }

    private void end(NatsException why) {
        failure = why;
        active = false;
        owner.ended(this);
    }

    private void report(NatsException e) {
        try {
            options.errorHandler().accept(e);
        } catch (RuntimeException ex) {
            LOG.warn("error handler of consumer {} threw", where(), ex);
        }
    }

    private void pause(long ms) {
        try {
            closed.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsException("interrupted while waiting to pull again from " + where(), e);
        }
    }

    /**
     * Closes the puller once the iteration is over, by whoever holds or can take the lock. {@link #close()}
     * flags first and then tries the lock; the reader tries again after releasing it. If close's try
     * fails, the reader held the lock then and releases it later, so its own check sees the flag.
     */
    private void closePullerIfDone() {
        if (!active && lock.tryLock()) {
            try {
                if (!pullerClosed) {
                    pullerClosed = true;
                    puller.close();
                }
            } catch (NatsException e) {
                LOG.debug("closing the iteration inbox of {}: {}", where(), e.toString());
            } finally {
                lock.unlock();
            }
        }
    }

    private String where() {
        return owner.stream() + " > " + owner.name();
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public void close() {
        active = false;
        closed.countDown();
        owner.ended(this);
        closePullerIfDone();
    }
}
