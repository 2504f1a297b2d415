package dev.relay.nats.jetstream;

import dev.relay.nats.Durations;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OrderedConsumer} over pull requests. Each {@link #next} (and each turn of {@link #fetch}, which
 * waits for as many messages as it still needs instead of one) first drains the local buffer, then asks
 * for whatever is available without waiting ({@code no_wait}, up to {@value #MAX_BATCH} messages, halved
 * after each gap, and never more than the template's {@code maxBatch}, which bounds the memory held for
 * large messages), and only
 * when nothing is there waits for one message. Every message's consumer sequence must be the previous
 * one plus one; anything else, an error, or a request the server never answered marks the consumer for
 * a reset, done at the start of the next loop turn. Confined to the calling thread.
 */
final class RealOrderedConsumer implements OrderedConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RealOrderedConsumer.class);
    private static final int MAX_BATCH = 256;
    private static final int MIN_BATCH = 1;
    private static final Duration LONGEST_PULL = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final ApiClient api;
    private final JetStreamManagement jsm;
    private final String stream;
    private final ConsumerConfig template;
    private final ArrayDeque<JsMessage> buffer = new ArrayDeque<>();
    private Puller puller;
    private String consumer = "";
    private boolean needReset = true;
    private long lastStreamSeq;
    private long lastConsumerSeq;
    private long resets = -1;
    private int batch = MAX_BATCH;

    RealOrderedConsumer(ApiClient api, String stream, ConsumerConfig template) {
        this.api = api;
        this.jsm = new RealJetStreamManagement(api);
        this.stream = Names.checkName("stream", stream);
        this.template = template;
    }

    @Override
    public List<JsMessage> fetch(int most, Duration maxWait) {
        if (most < 1) {
            throw new IllegalArgumentException("batch: must be 1 or more, got " + most);
        }
        Names.checkPositive("maxWait", maxWait);
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<JsMessage> out = new ArrayList<>(Math.min(most, MAX_BATCH));
        try {
            while (out.size() < most) {
                if (!buffer.isEmpty()) {
                    out.add(buffer.poll());
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                int want = most - out.size();
                step(deadline, () -> pullSome(Duration.ofNanos(remaining), want, want));
            }
            return out;
        } catch (RuntimeException e) {
            // Put back what this call took, in order, so nothing after lastStreamSeq is lost to the caller.
            for (int i = out.size() - 1; i >= 0; i--) {
                buffer.addFirst(out.get(i));
            }
            throw e;
        }
    }

    @Override
    public JsMessage next(Duration maxWait) {
        Names.checkPositive("maxWait", maxWait);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            if (!buffer.isEmpty()) {
                return buffer.poll();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new NatsTimeoutException("no message from ordered consumer on " + stream + " within " + Durations.format(maxWait));
            }
            step(deadline, () -> pullSome(Duration.ofNanos(remaining), Integer.MAX_VALUE, 1));
        }
    }

    /**
     * One turn of {@link #next} or {@link #fetch}: recreates the consumer if it is marked, then pulls; an
     * error marks it for the next turn, after a short pause.
     */
    private void step(long deadline, Runnable pull) {
        try {
            if (needReset) {
                reset();
            }
            pull.run();
        } catch (ConnectionClosedException e) {
            throw e;
        } catch (NatsException e) {
            LOG.debug("ordered consumer on {}: {}; recreating", stream, e.toString());
            needReset = true;
            pauseUntil(deadline);
        }
    }

    /**
     * Takes what is there now without waiting (up to {@code prefetch}), and if there is nothing, waits
     * for up to {@code waitFor} messages; both capped by the current batch and the template's maxBatch.
     */
    private void pullSome(Duration remaining, int prefetch, int waitFor) {
        Puller.Result r = puller.pull(new Puller.Request(cap(prefetch), 0, Duration.ZERO, true, Duration.ZERO),
            this::accept);
        if (r.lost()) {
            lost();
            return;
        }
        if (!r.answered()) {
            needReset = true;
            return;
        }
        if (r.count() == 0 && !needReset) {
            Duration wait = remaining.compareTo(LONGEST_PULL) > 0 ? LONGEST_PULL : remaining;
            Duration hb = wait.compareTo(HEARTBEAT.multipliedBy(2)) >= 0 ? HEARTBEAT : Duration.ZERO;
            Puller.Result w = puller.pull(new Puller.Request(cap(waitFor), 0, wait, false, hb), this::accept);
            if (w.lost()) {
                lost();
            } else if (!w.answered()) {
                needReset = true;
            }
        }
    }

    /** The most messages one request asks for: {@code n}, the current batch and the template's maxBatch. */
    private int cap(int n) {
        int most = template.maxBatch() > 0 ? (int) Math.min(batch, template.maxBatch()) : batch;
        return Math.min(n, most);
    }

    /** Takes the next message if it is the expected one; false gives the rest of the request up. */
    private boolean accept(JsMessage m) {
        if (needReset) {
            return false;
        }
        MessageMetadata meta = m.metadata();
        if (meta.consumerSequence() != lastConsumerSeq + 1) {
            LOG.debug("ordered consumer on {}: consumer sequence {} after {}; recreating", stream,
                meta.consumerSequence(), lastConsumerSeq);
            lost();
            return false;
        }
        lastConsumerSeq = meta.consumerSequence();
        lastStreamSeq = meta.streamSequence();
        buffer.add(m);
        return true;
    }

    /** Messages got lost on the way (e.g. dropped by a full subscription): start over, asking for less at a time. */
    private void lost() {
        needReset = true;
        batch = Math.max(MIN_BATCH, batch / 2);
    }

    private void reset() {
        dropConsumer();
        ConsumerConfig.Builder b = template.toBuilder().name("").durable("").ackPolicy(AckPolicy.NONE)
            .maxDeliver(1).memoryStorage(true).replicas(1).deliverSubject("").deliverGroup("")
            .flowControl(false).idleHeartbeat(Duration.ZERO).inactiveThreshold(Duration.ofMinutes(5))
            .maxAckPending(0).ackWait(Duration.ZERO).backoff();
        if (lastStreamSeq > 0) {
            b.startSequence(lastStreamSeq + 1);
        }
        ConsumerInfo info = jsm.addOrUpdateConsumer(stream, b.build());
        consumer = info.name();
        puller = new Puller(api, stream, consumer);
        lastConsumerSeq = 0;
        needReset = false;
        resets++;
    }

    private void dropConsumer() {
        if (puller != null) {
            puller.close();
            puller = null;
        }
        if (!consumer.isEmpty()) {
            String old = consumer;
            consumer = "";
            try {
                jsm.deleteConsumer(stream, old);
            } catch (NatsException e) {
                LOG.debug("ordered consumer on {}: deleting old consumer {}: {}", stream, old, e.toString());
            }
        }
    }

    private static void pauseUntil(long deadline) {
        long ms = Math.min(RETRY_PAUSE.toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsException("interrupted while waiting to recreate an ordered consumer", e);
        }
    }

    @Override
    public long lastStreamSequence() {
        return lastStreamSeq;
    }

    @Override
    public long resets() {
        return Math.max(0, resets);
    }

    @Override
    public void close() {
        buffer.clear();
        dropConsumer();
    }
}
