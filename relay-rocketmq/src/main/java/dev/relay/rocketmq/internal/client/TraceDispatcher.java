package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.EndTransactionContext;
import dev.relay.rocketmq.EndTransactionHook;
import dev.relay.rocketmq.LocalTransactionState;
import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.SendContext;
import dev.relay.rocketmq.SendMessageHook;
import dev.relay.rocketmq.internal.protocol.TraceCodec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message trace: a send and end-transaction hook that turns every send and transaction end into a
 * trace record and ships them in batches (every 100 ms, at most 64 a message) to the trace topic
 * through its own producer, off the sending thread. Records beyond a bounded queue are dropped with
 * a warning: tracing never slows sends down. Thread-safe.
 */
final class TraceDispatcher implements SendMessageHook, EndTransactionHook, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceDispatcher.class);
    private static final int MAX_RECORDS_PER_MESSAGE = 64;
    private static final String REGION = "DefaultRegion";

    private record Entry(String text, Set<String> keys) {
    }

    private final String traceTopic;
    private final RealProducer producer;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(10_000);
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    TraceDispatcher(ClientOptions options) {
        this.traceTopic = options.traceTopic();
        ClientOptions traceOptions = options.toBuilder().trace(false).group("_INNER_TRACE_PRODUCER-" + options.group())
            .build();
        this.producer = new RealProducer(traceOptions, null);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-rmq-trace");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        producer.start();
        flusher.scheduleWithFixedDelay(this::flush, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void sendMessageBefore(SendContext context) {
        startedNanos.put(context.msgId(), System.nanoTime());
    }

    @Override
    public void sendMessageAfter(SendContext c) {
        Long start = startedNanos.remove(c.msgId());
        long costMs = start == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Message m = c.message();
        boolean success = c.exception() == null;
        String offsetMsgId = c.result() == null ? null : c.result().offsetMsgId();
        int msgType = m.properties().containsKey("TRAN_MSG") ? 1 : m.delayLevel() > 0 ? 3 : 0;
        offer(TraceCodec.record("Pub", System.currentTimeMillis(), REGION, c.group(), m.topic(), c.msgId(), m.tags(),
            String.join(" ", m.keys()), c.brokerAddress(), m.bodyLength(), costMs, msgType, offsetMsgId, success), c.msgId(), m);
    }

    @Override
    public void endTransaction(EndTransactionContext c) {
        String state = switch (c.state()) {
            case COMMIT -> "COMMIT_MESSAGE";
            case ROLLBACK -> "ROLLBACK_MESSAGE";
            default -> "UNKNOW";
        };
        int msgType = c.state() == LocalTransactionState.COMMIT ? 2 : 1;
        offer(TraceCodec.record("EndTransaction", System.currentTimeMillis(), REGION, c.group(), c.topic(), c.msgId(),
            "", "", c.brokerAddress(), msgType, c.transactionId(), state, c.fromTransactionCheck()), c.msgId(), null);
    }

    private void offer(String text, String msgId, Message m) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(msgId);
        if (m != null) {
            keys.addAll(m.keys());
        }
        if (!queue.offer(new Entry(text, keys))) {
            LOG.warn("trace queue full; dropping the trace record of {}", msgId);
        }
    }

    private void flush() {
        while (!queue.isEmpty()) {
            List<Entry> batch = new ArrayList<>();
            queue.drainTo(batch, MAX_RECORDS_PER_MESSAGE);
            StringBuilder body = new StringBuilder();
            Set<String> keys = new LinkedHashSet<>();
            batch.forEach(e -> {
                body.append(e.text());
                keys.addAll(e.keys());
            });
            try {
                producer.send(Message.builder(traceTopic).body(body.toString()).keys(List.copyOf(keys)).build());
            } catch (RuntimeException e) {
                LOG.warn("sending {} trace records to {} failed: {}", batch.size(), traceTopic, e.getMessage());
            }
        }
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        producer.shutdown();
    }
}
