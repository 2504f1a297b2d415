package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request/reply over one wildcard inbox subscription per connection ({@code <prefix>.<nuid>.*}): each
 * request gets a token, the reply subject {@code <prefix>.<nuid>.<token>}, a pending entry and a timer
 * on the I/O thread's scheduler. Replies are matched on the I/O thread; no SUB or UNSUB per request.
 * A reply with status 503 fails the request at once with {@link NoRespondersException}.
 * Futures complete on the I/O thread. Thread-safe.
 */
final class RequestMux {
    private final RealConnection connection;
    private final String prefix;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final ReentrantLock subscribeLock = new ReentrantLock();
    private volatile RealSubscription inbox;

    /** One request waiting for its reply. */
    private static final class Pending {
        final String subject;
        final CompletableFuture<Message> future = new CompletableFuture<>();
        final Duration timeout;
        volatile Runnable cancelTimer;

        Pending(String subject, Duration timeout) {
            this.subject = subject;
            this.timeout = timeout;
        }
    }

    RequestMux(RealConnection connection, String inboxPrefix) {
        this.connection = connection;
        this.prefix = inboxPrefix + "." + Nuid.next() + ".";
    }

    /**
     * Sends a request.
     *
     * @return the future reply; completes on the I/O thread
     */
    CompletableFuture<Message> request(String subject, Headers headers, byte[] data, long timeoutNanos) {
        ensureInbox();
        char[] t = new char[11];
        Nuid.appendBase62(t, 0, 11, tokens.incrementAndGet());
        String token = new String(t);
        Pending p = new Pending(subject, Duration.ofNanos(timeoutNanos));
        pending.put(token, p);
        p.cancelTimer = connection.schedule(() -> timedOut(token), timeoutNanos);
        try {
            connection.publish(subject, prefix + token, headers, data);
        } catch (RuntimeException e) {
            pending.remove(token);
            p.cancelTimer.run();
            throw e;
        }
        requests.incrementAndGet();
        return p.future;
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
        Runnable cancel = p.cancelTimer;
        if (cancel != null) {
            cancel.run();
        }
        if (m.status() == 503 && m.data().length == 0) {
            p.future.completeExceptionally(new NoRespondersException("no responders on '" + p.subject + "'"));
            return;
        }
        replies.incrementAndGet();
        p.future.complete(m);
    }

    private void timedOut(String token) {
        Pending p = pending.remove(token);
        if (p != null) {
            p.future.completeExceptionally(new NatsTimeoutException(
                "no reply on '" + p.subject + "' within " + p.timeout));
        }
    }

    /** Fails the pending requests sent to a subject the server refused. I/O thread. */
    void failRequestsTo(String subject, dev.relay.nats.AuthorizationException error) {
        pending.entrySet().removeIf(e -> {
            Pending p = e.getValue();
            if (!p.subject.equals(subject)) {
                return false;
            }
            Runnable cancel = p.cancelTimer;
            if (cancel != null) {
                cancel.run();
            }
            p.future.completeExceptionally(new dev.relay.nats.AuthorizationException(error.serverMessage()));
            return true;
        });
    }

    /**
     * Fails every pending request.
     *
     * @param reason what happened
     * @param retriable true for a disconnect (ConnectionException), false for a close
     */
    void closeAll(String reason, boolean retriable) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            Runnable cancel = p.cancelTimer;
            if (cancel != null) {
                cancel.run();
            }
            p.future.completeExceptionally(retriable ? new dev.relay.nats.ConnectionException(reason)
                : new ConnectionClosedException(reason));
        }
    }

    long requests() {
        return requests.get();
    }

    long replies() {
        return replies.get();
    }

    int pendingCount() {
        return pending.size();
    }
}
