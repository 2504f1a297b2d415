package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request/reply over one wildcard inbox subscription per connection ({@code <prefix>.<nuid>.*}): each
 * request gets a token, the reply subject {@code <prefix>.<nuid>.<token>} and a pending entry. Replies
 * are matched on the I/O thread; no SUB or UNSUB per request. A reply with status 503 fails the request
 * at once with {@link NoRespondersException}. Futures complete on the I/O thread.
 *
 * <p>Timeouts: deadlines are kept in order and swept every {@value #TICK_MS} ms by one periodic task
 * that runs only while requests are pending (and for a second after). Arming a timeout therefore wakes
 * no thread — a timer per request woke the timer thread on every request of a sequential loop, which
 * cost more latency on this kind of machine than the request itself. A timeout fires within one tick
 * after its deadline. Thread-safe.
 */
final class RequestMux {
    private static final long TICK_MS = 10;
    private static final int IDLE_TICKS_BEFORE_STOP = 100;

    private final RealConnection connection;
    private final String prefix;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Pending> deadlines = new ConcurrentSkipListSet<>(
        Comparator.comparingLong((Pending p) -> p.deadlineNanos).thenComparingLong(p -> p.seq));
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final ReentrantLock subscribeLock = new ReentrantLock();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile RealSubscription inbox;
    private volatile Runnable stopSweep = () -> { };
    private int idleTicks;

    /** One request waiting for its reply. */
    private static final class Pending {
        final String token;
        final String subject;
        final CompletableFuture<Message> future = new CompletableFuture<>();
        final long timeoutNanos;
        final long deadlineNanos;
        final long seq;

        Pending(String token, String subject, long timeoutNanos, long seq) {
            this.token = token;
            this.subject = subject;
            this.timeoutNanos = timeoutNanos;
            this.deadlineNanos = System.nanoTime() + timeoutNanos;
            this.seq = seq;
        }
    }

    RequestMux(RealConnection connection, String inboxPrefix) {
        this.connection = connection;
        this.prefix = inboxPrefix + "." + Nuid.next() + ".";
    }

    /**
     * Sends a request.
     *
     * @param writeThrough whether the caller blocks on the reply (its bytes then go out from its thread)
     * @return the future reply; completes on the I/O thread
     */
    CompletableFuture<Message> request(String subject, Headers headers, byte[] data, long timeoutNanos,
                                       boolean writeThrough) {
        ensureInbox();
        long seq = tokens.incrementAndGet();
        char[] t = new char[11];
        Nuid.appendBase62(t, 0, 11, seq);
        String token = new String(t);
        Pending p = new Pending(token, subject, timeoutNanos, seq);
        pending.put(token, p);
        deadlines.add(p);
        ensureSweeping();
        try {
            connection.publish(subject, prefix + token, headers, data, writeThrough);
        } catch (RuntimeException e) {
            forget(p);
            throw e;
        }
        requests.incrementAndGet();
        return p.future;
    }

    private void forget(Pending p) {
        pending.remove(p.token, p);
        deadlines.remove(p);
    }

    private void ensureSweeping() {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            idleTicks = 0;
            stopSweep = Timers.scheduleAtFixedRate(this::sweep, TimeUnit.MILLISECONDS.toNanos(TICK_MS));
        }
    }

    /** Fails what is past its deadline; stops itself after a second with nothing pending. Timer thread. */
    private void sweep() {
        long now = System.nanoTime();
        Pending p;
        while (!deadlines.isEmpty() && (p = deadlines.first()).deadlineNanos - now <= 0) {
            deadlines.remove(p);
            if (pending.remove(p.token, p)) {
                p.future.completeExceptionally(new NatsTimeoutException(
                    "no reply on '" + p.subject + "' within " + Duration.ofNanos(p.timeoutNanos)));
            }
        }
        if (!deadlines.isEmpty()) {
            idleTicks = 0;
            return;
        }
        if (++idleTicks < IDLE_TICKS_BEFORE_STOP) {
            return;
        }
        sweeping.set(false);
        // A request added after the emptiness check saw 'sweeping' still true and relies on us.
        if (!deadlines.isEmpty() && sweeping.compareAndSet(false, true)) {
            idleTicks = 0;
            return;
        }
        stopSweep.run();
    }

    private void ensureInbox() {
        if (inbox != null) {
            return;
        }
        subscribeLock.lock();
        try {
            if (inbox == null) {
                inbox = connection.subscribeDirect(prefix + "*", this::onReply);
            }
        } finally {
            subscribeLock.unlock();
        }
    }

    /** A message on the inbox. I/O thread. */
    private void onReply(Message m) {
        String subject = m.subject();
        if (!subject.startsWith(prefix)) {
            return;
        }
        Pending p = pending.remove(subject.substring(prefix.length()));
        if (p == null) {
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
    void failRequestsTo(String subject, dev.relay.nats.AuthorizationException error) {
        for (Pending p : new ArrayList<>(pending.values())) {
            if (p.subject.equals(subject) && pending.remove(p.token, p)) {
                deadlines.remove(p);
                p.future.completeExceptionally(new dev.relay.nats.AuthorizationException(error.serverMessage()));
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
        List<Pending> all = new ArrayList<>(pending.values());
        for (Pending p : all) {
            if (pending.remove(p.token, p)) {
                deadlines.remove(p);
                p.future.completeExceptionally(retriable ? new dev.relay.nats.ConnectionException(reason)
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
}
