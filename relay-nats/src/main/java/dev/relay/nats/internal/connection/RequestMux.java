package dev.relay.nats.internal.connection;

import dev.relay.nats.AuthorizationException;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/reply over one wildcard inbox subscription per connection ({@code <prefix>.<nuid>.*}): each
 * request gets a token, the reply subject {@code <prefix>.<nuid>.<token>} and a pending entry. Replies
 * are matched on the I/O thread; no SUB or UNSUB per request. A reply with status 503 fails the request
 * at once with {@link NoRespondersException}. Futures complete on the I/O thread (replies) or the timer
 * thread (timeouts). Thread-safe.
 *
 * <p>Timeouts: deadlines are kept in order, and one timer task is armed at the earliest of them. When it
 * fires it fails what is due and re-arms itself at the next deadline, or stays unarmed when nothing is
 * pending. Arming wakes the timer thread only when a deadline is earlier than the armed one, which a
 * loop of requests with the same timeout never has: a sequential loop costs one timer wake-up per
 * timeout period, not one per request. The timer cannot die: every step of it is guarded, it always
 * re-arms in a {@code finally}, and no step checks a concurrent set and then acts on what it saw.
 */
final class RequestMux {
    private static final Logger LOG = LoggerFactory.getLogger(RequestMux.class);
    /** The armed deadline when no task is armed. */
    private static final long UNARMED = Long.MAX_VALUE;

    /** What the multiplexer needs of its connection. */
    interface Wire {
        /**
         * Subscribes the inbox wildcard with a handler run on the I/O thread.
         *
         * @param subject the wildcard subject
         * @param handler receives every reply
         */
        void subscribeInbox(String subject, MessageHandler handler);

        /**
         * Publishes a request.
         *
         * @param writeThrough whether the caller blocks on the reply
         */
        void publish(String subject, String replyTo, Headers headers, byte[] data, boolean writeThrough);
    }

    private final Wire wire;
    private final Clock clock;
    private final String prefix;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Pending> deadlines = new ConcurrentSkipListSet<>(
        Comparator.comparingLong((Pending p) -> p.deadlineNanos).thenComparingLong(p -> p.seq));
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong lateReplies = new AtomicLong();
    private final ReentrantLock subscribeLock = new ReentrantLock();
    private volatile boolean inboxSubscribed;
    /** Guards the armed task; held only to arm, re-arm or cancel, never while completing futures. */
    private final ReentrantLock timerLock = new ReentrantLock();
    /** The deadline the timer task is armed for, or {@link #UNARMED}. Written under timerLock. */
    private volatile long armedNanos = UNARMED;
    private Runnable cancelArmed = () -> { };
    private boolean closed;

    /** One request waiting for its reply. */
    private static final class Pending {
        final String token;
        final String subject;
        final CompletableFuture<Message> future = new CompletableFuture<>();
        final long timeoutNanos;
        final long deadlineNanos;
        final long seq;

        Pending(String token, String subject, long timeoutNanos, long deadlineNanos, long seq) {
            this.token = token;
            this.subject = subject;
            this.timeoutNanos = timeoutNanos;
            this.deadlineNanos = deadlineNanos;
            this.seq = seq;
        }
    }

    RequestMux(Wire wire, Clock clock, String inboxPrefix) {
        this.wire = wire;
        this.clock = clock;
        this.prefix = inboxPrefix + "." + Nuid.next() + ".";
    }

    /**
     * Sends a request.
     *
     * @param writeThrough whether the caller blocks on the reply (its bytes then go out from its thread)
     * @return the future reply; completes on the I/O thread, or the timer thread for a timeout
     */
    CompletableFuture<Message> request(String subject, Headers headers, byte[] data, long timeoutNanos,
                                       boolean writeThrough) {
        ensureInbox();
        long seq = tokens.incrementAndGet();
        char[] t = new char[11];
        Nuid.appendBase62(t, 0, 11, seq);
        String token = new String(t);
        long now = clock.nanoTime();
        long deadline = now + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        Pending p = new Pending(token, subject, timeoutNanos, deadline, seq);
        pending.put(token, p);
        deadlines.add(p);
        arm(deadline, now);
        try {
            wire.publish(subject, prefix + token, headers, data, writeThrough);
        } catch (RuntimeException e) {
            forget(p);
            throw e;
        }
        requests.incrementAndGet();
        return p.future;
    }

    /**
     * Gives up waiting for a request's reply without completing it: for a caller whose own wait ended
     * (interrupted, or a fallback limit), so that nothing of it stays behind.
     *
     * @param future the future {@link #request} returned
     */
    void abandon(CompletableFuture<Message> future) {
        for (Pending p : pending.values()) {
            if (p.future == future) {
                forget(p);
                return;
            }
        }
    }

    private void forget(Pending p) {
        pending.remove(p.token, p);
        deadlines.remove(p);
    }

    /** Makes sure the timer is armed no later than {@code deadline}. Any thread. */
    private void arm(long deadline, long now) {
        if (armedNanos <= deadline) {
            // Armed earlier: when that task fires it re-arms for the earliest deadline left, ours included
            // (we added ours to 'deadlines' before reading 'armedNanos', and it clears 'armedNanos' before
            // it looks at 'deadlines').
            return;
        }
        timerLock.lock();
        try {
            if (closed || armedNanos <= deadline) {
                return;
            }
            cancelArmed.run();
            armedNanos = deadline;
            cancelArmed = clock.schedule(this::fire, deadline - now);
        } finally {
            timerLock.unlock();
        }
    }

    /** The armed deadline came: fail what is due, then re-arm for what is left. Timer thread. */
    void fire() {
        timerLock.lock();
        try {
            armedNanos = UNARMED;
            cancelArmed = () -> { };
        } finally {
            timerLock.unlock();
        }
        long now = clock.nanoTime();
        try {
            expire(now);
        } catch (RuntimeException | Error e) {
            LOG.warn("request deadline check failed; it runs again at the next deadline", e);
        } finally {
            rearm(now);
        }
    }

    /** Fails every request whose deadline is not after {@code now}. */
    private void expire(long now) {
        // The iterator is weakly consistent: it never throws for what other threads add or remove.
        Iterator<Pending> it = deadlines.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.deadlineNanos - now > 0) {
                return;
            }
            deadlines.remove(p);
            if (pending.remove(p.token, p)) {
                p.future.completeExceptionally(new NatsTimeoutException(
                    "no reply on '" + p.subject + "' within " + Durations.formatNanos(p.timeoutNanos)));
            }
        }
    }

    private void rearm(long now) {
        Iterator<Pending> it = deadlines.iterator();
        if (it.hasNext()) {
            arm(it.next().deadlineNanos, now);
        }
    }

    /**
     * The deadline the timer is armed for, for tests.
     *
     * @return nanoseconds on the clock, or {@link Long#MAX_VALUE} when unarmed
     */
    long armedNanos() {
        return armedNanos;
    }

    /** Requests still waiting, for tests and statistics. */
    int pendingCount() {
        return pending.size();
    }

    private void ensureInbox() {
        if (inboxSubscribed) {
            return;
        }
        subscribeLock.lock();
        try {
            if (!inboxSubscribed) {
                wire.subscribeInbox(prefix + "*", this::onReply);
                inboxSubscribed = true;
            }
        } finally {
            subscribeLock.unlock();
        }
    }

    /**
     * Whether a subject is this multiplexer's inbox wildcard.
     *
     * @param subject a subscription's subject
     * @return true for the inbox
     */
    boolean isInbox(String subject) {
        return subject.equals(prefix + "*");
    }

    /** A message on the inbox. I/O thread. */
    void onReply(Message m) {
        String subject = m.subject();
        if (!subject.startsWith(prefix)) {
            return;
        }
        Pending p = pending.remove(subject.substring(prefix.length()));
        if (p == null) {
            // a reply after its timeout, or a second reply to the same request
            lateReplies.incrementAndGet();
            return;
        }
        deadlines.remove(p);
        if (m.status() == 503 && m.data().length == 0) {
            p.future.completeExceptionally(new NoRespondersException("no responders on '" + p.subject + "'"));
            return;
        }
        replies.incrementAndGet();
        p.future.complete(m);
    }

    /** Fails the pending requests sent to a subject the server refused. I/O thread. */
    void failRequestsTo(String subject, AuthorizationException error) {
        for (Pending p : new ArrayList<>(pending.values())) {
            if (p.subject.equals(subject) && pending.remove(p.token, p)) {
                deadlines.remove(p);
                p.future.completeExceptionally(new AuthorizationException(error.serverMessage()));
            }
        }
    }

    /**
     * Fails every pending request.
     *
     * @param reason what happened
     * @param retriable true for a disconnect (ConnectionException), false for a close
     */
    void closeAll(String reason, boolean retriable) {
        if (!retriable) {
            timerLock.lock();
            try {
                closed = true;
                cancelArmed.run();
                cancelArmed = () -> { };
                armedNanos = UNARMED;
            } finally {
                timerLock.unlock();
            }
        }
        List<Pending> all = new ArrayList<>(pending.values());
        for (Pending p : all) {
            if (pending.remove(p.token, p)) {
                deadlines.remove(p);
                p.future.completeExceptionally(retriable ? new ConnectionException(reason)
                    : new ConnectionClosedException(reason));
            }
        }
    }

    long requests() {
        return requests.get();
    }

    long replies() {
        return replies.get();
    }

    /** Replies that found no request waiting (late, or a second answer). */
    long lateReplies() {
        return lateReplies.get();
    }
}
