package dev.relay.console.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.relay.nats.Dispatcher;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's subscriptions by console sid (1, 2, 3, …), within the configured limit. All of them
 * deliver through one dispatcher of the console's own, so a busy console does not hold up the
 * application's other handlers. Thread-safe.
 */
final class LiveSubscriptions {

    private final Dispatcher dispatcher;
    private final int max;
    private final AtomicLong nextSid = new AtomicLong();
    private final Map<Long, LiveSubscription> bySid = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    LiveSubscriptions(Dispatcher dispatcher, int max) {
        this.dispatcher = dispatcher;
        this.max = max;
    }

    /**
     * Subscribes.
     *
     * @param subject a checked subject, wildcards allowed
     * @param queue a checked queue group, or empty
     * @return the new subscription
     * @throws ApiException 429 {@code too_many_subscriptions} when at the limit
     */
    LiveSubscription add(String subject, Optional<String> queue) {
        lock.lock();
        try {
            if (bySid.size() >= max) {
                throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_subscriptions", "subject",
                        "the console holds " + max + " subscriptions already; unsubscribe one first");
            }
            LiveSubscription live = new LiveSubscription(nextSid.incrementAndGet(), subject, queue);
            live.attach(queue.isPresent()
                    ? dispatcher.subscribe(subject, queue.get(), live::onMessage)
                    : dispatcher.subscribe(subject, live::onMessage));
            bySid.put(live.sid(), live);
            return live;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Finds a subscription.
     *
     * @param field the request field the sid came from
     * @param sid the console sid
     * @return the subscription
     * @throws ApiException 400 {@code unknown_sid}
     */
    LiveSubscription get(String field, long sid) {
        LiveSubscription live = bySid.get(sid);
        if (live == null) {
            throw ApiException.badRequest("unknown_sid", field, field + ": no active subscription has sid " + sid);
        }
        return live;
    }

    /**
     * Unsubscribes and forgets a subscription; its sockets are closed.
     *
     * @param field the request field the sid came from
     * @param sid the console sid
     * @throws ApiException 400 {@code unknown_sid}
     */
    void remove(String field, long sid) {
        LiveSubscription live = get(field, sid);
        bySid.remove(sid);
        live.stop();
    }

    /** How many subscriptions are active. */
    int size() {
        return bySid.size();
    }

    /** All active subscriptions, in sid order, as JSON. */
    ArrayNode describe() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        bySid.values().forEach(s -> out.add(s.describe()));
        return out;
    }

    /** Stops every subscription (when the console closes). */
    void stopAll() {
        bySid.values().forEach(LiveSubscription::stop);
        bySid.clear();
    }
}
