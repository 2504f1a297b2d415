package dev.relay.nats.internal.requestmany;

import dev.relay.nats.Connection;
import dev.relay.nats.Dispatcher;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.NatsException;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request-many on the public {@link Connection} API: a subscription on a fresh inbox (through a
 * dispatcher of its own), the request published with that inbox as reply subject, and one timer for the
 * time ends. Hands each reply to a {@link Sink} and ends exactly once, unsubscribing the inbox and
 * closing its dispatcher. Thread-safe: replies arrive on the dispatcher, time ends on the timer thread,
 * cancels on any thread.
 */
final class ReplyGatherer implements MessageHandler {

    /** Where the replies and the end go. */
    interface Sink {
        /**
         * One reply; called on the dispatcher, one at a time.
         *
         * @param reply the reply
         * @return false to stop gathering
         */
        boolean accept(Message reply);

        /**
         * The end; called once, after the last {@link #accept} returned.
         *
         * @param end why it ended
         * @param status the status message that ended it, or null
         */
        void ended(RequestManyEnd end, Message status);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplyGatherer.class);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Connection nc;
    private final Sink sink;
    private final GatherPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private Dispatcher dispatcher;
    private Subscription subscription;
    private ScheduledFuture<?> timer;
    private long timerDueNanos;
    private RequestManyEnd end;
    private Message status;
    private boolean delivering;
    private boolean told;

    private ReplyGatherer(Connection nc, RequestManyOptions options, Sink sink) {
        this.nc = nc;
        this.sink = sink;
        Duration total = options.totalWait().orElse(nc.options().requestTimeout());
        long stall = options.stallWait().map(Duration::toNanos).orElse(0L);
        this.policy = new GatherPolicy(options.maxMessages(), total.toNanos(), stall, options.sentinel(), System.nanoTime());
    }

    /**
     * Subscribes an inbox, publishes the request and arms the timer.
     *
     * @param nc the connection
     * @param subject where to send the request
     * @param headers request headers, or null
     * @param data request payload
     * @param options the end conditions
     * @param sink receives replies and the end
     * @param inline whether the sink is quick enough to run on the I/O thread
     * @return the running gatherer
     * @throws NatsException (or a subtype) if subscribing or publishing failed; nothing is left subscribed
     */
    static ReplyGatherer start(Connection nc, String subject, Headers headers, byte[] data,
                               RequestManyOptions options, Sink sink, boolean inline) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null (use an empty array)");
        }
        if (options == null) {
            throw new IllegalArgumentException("options: must not be null (e.g. RequestManyOptions.maxWait(…))");
        }
        ReplyGatherer g = new ReplyGatherer(nc, options, sink);
        g.lock.lock();
        try {
            g.dispatcher = inline ? nc.createInlineDispatcher() : nc.createDispatcher();
            String inbox = nc.newInbox();
            g.subscription = g.dispatcher.subscribe(inbox, g);
            nc.publish(subject, inbox, headers, data);
            g.arm(System.nanoTime());
        } catch (RuntimeException e) {
            g.end = RequestManyEnd.CLOSED;
            g.told = true;
            g.release();
            throw e;
        } finally {
            g.lock.unlock();
        }
        return g;
    }

    @Override
    public void onMessage(Message reply) {
        boolean handOver;
        lock.lock();
        try {
            if (end != null) {
                return;
            }
            long now = System.nanoTime();
            GatherPolicy.Step step = policy.onReply(reply, now);
            if (step == GatherPolicy.Step.DELIVER) {
                arm(now);
            } else {
                endLocked(GatherPolicy.endOf(step), isStatus(step) ? reply : null);
            }
            handOver = step == GatherPolicy.Step.DELIVER || step == GatherPolicy.Step.DELIVER_LAST;
            delivering = handOver;
        } finally {
            lock.unlock();
        }
        boolean more = true;
        if (handOver) {
            try {
                more = sink.accept(reply);
            } catch (RuntimeException e) {
                LOG.warn("a request-many reply handler threw; the request is cancelled", e);
                more = false;
            }
        }
        lock.lock();
        try {
            delivering = false;
            if (!more) {
                endLocked(RequestManyEnd.CANCELLED, null);
            }
        } finally {
            lock.unlock();
        }
        tellEnd();
    }

    /** Stops gathering now ({@link RequestManyEnd#CANCELLED}) unless it already ended. */
    void cancel() {
        lock.lock();
        try {
            endLocked(RequestManyEnd.CANCELLED, null);
        } finally {
            lock.unlock();
        }
        tellEnd();
    }

    private void onTimer() {
        lock.lock();
        try {
            if (end != null) {
                return;
            }
            long now = System.nanoTime();
            if (policy.waitNanos(now) > 0) {
                timer = null;
                arm(now);
                return;
            }
            endLocked(nc.isClosed() ? RequestManyEnd.CLOSED : policy.timeEnd(now), null);
        } finally {
            lock.unlock();
        }
        tellEnd();
    }

    /** Makes sure the timer fires no later than the policy's next time end. Lock held. */
    private void arm(long nowNanos) {
        long due = nowNanos + Math.max(0, policy.waitNanos(nowNanos));
        if (timer != null && timerDueNanos - due <= 0) {
            return; // it fires first and re-arms itself for the later time
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDueNanos = due;
        timer = TIMER.schedule(this::onTimer, Math.max(0, due - nowNanos), TimeUnit.NANOSECONDS);
    }

    /** Records the first end and releases the inbox. Lock held. */
    private void endLocked(RequestManyEnd why, Message statusMessage) {
        if (end != null) {
            return;
        }
        end = why;
        status = statusMessage;
        // not here: this may be the I/O thread (inline dispatcher), which must not write an UNSUB
        TIMER.execute(this::release);
    }

    private void release() {
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            if (subscription != null) {
                subscription.unsubscribe();
            }
            if (dispatcher != null) {
                dispatcher.close();
            }
        } catch (NatsException e) {
            LOG.debug("releasing a request-many inbox failed; the connection is going away", e);
        }
    }

    /** @return why gathering ended, or null while it goes on (known before the sink is told) */
    RequestManyEnd endReason() {
        lock.lock();
        try {
            return end;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the sink about the end once, never while a reply is still being handed over. */
    private void tellEnd() {
        RequestManyEnd why;
        Message statusMessage;
        lock.lock();
        try {
            if (end == null || told || delivering) {
                return;
            }
            told = true;
            why = end;
            statusMessage = status;
        } finally {
            lock.unlock();
        }
        sink.ended(why, statusMessage);
    }

    private static boolean isStatus(GatherPolicy.Step step) {
        return step == GatherPolicy.Step.NO_RESPONDERS || step == GatherPolicy.Step.STATUS;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "relay-nats-request-many-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        // no thread stays behind once request-many is no longer used
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
