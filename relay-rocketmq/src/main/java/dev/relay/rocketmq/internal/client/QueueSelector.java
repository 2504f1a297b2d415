package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the queue for each send: round-robin over the topic's writable queues, skipping brokers
 * that failed within the last {@code avoidNanos} and the broker the previous attempt just failed on;
 * when every broker is to be avoided, plain round-robin. Pure (the clock is passed in); thread-safe.
 */
final class QueueSelector {
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final long avoidNanos;

    /**
     * @param avoidNanos how long a failed broker is skipped
     */
    QueueSelector(long avoidNanos) {
        this.avoidNanos = avoidNanos;
    }

    /**
     * @param queues the writable queues, not empty
     * @param lastFailedBroker the broker the previous attempt of this send failed on, or {@code null}
     * @param nowNanos the current {@code System.nanoTime()}
     * @return the queue to use
     */
    MessageQueue select(List<MessageQueue> queues, String lastFailedBroker, long nowNanos) {
        int start = next.getAndIncrement() & Integer.MAX_VALUE;
        MessageQueue notLast = null;
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue q = queues.get((start + i) % queues.size());
            if (q.brokerName().equals(lastFailedBroker)) {
                continue;
            }
            if (notLast == null) {
                notLast = q;
            }
            Long failed = failedAt.get(q.brokerName());
            if (failed == null || nowNanos - failed >= avoidNanos) {
                return q;
            }
        }
        return notLast != null ? notLast : queues.get(start % queues.size());
    }

    /**
     * @param brokerName a broker a send just failed on
     * @param nowNanos the current {@code System.nanoTime()}
     */
    void markFailed(String brokerName, long nowNanos) {
        failedAt.put(brokerName, nowNanos);
    }

    /**
     * @param brokerName a broker a send just succeeded on
     */
    void markOk(String brokerName) {
        failedAt.remove(brokerName);
    }
}
