package dev.relay.nats.jetstream;

import dev.relay.nats.Durations;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PullConsumer} over a {@link Puller}. Fetches are serialized by a lock; each {@link #consume}
 * runs a {@link Consumption} with a puller of its own, each {@link #iterate} a {@link RealMessageIterable}
 * with one of its own. Thread-safe.
 */
final class RealPullConsumer implements PullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RealPullConsumer.class);

    private final ApiClient api;
    private final String stream;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ConsumeContext> consumptions = new CopyOnWriteArrayList<>();
    private Puller puller;

    RealPullConsumer(ApiClient api, String stream, String name) {
        this.api = api;
        this.stream = Names.checkName("stream", stream);
        this.name = Names.checkName("consumer", name);
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<JsMessage> fetch(int batch, Duration maxWait) {
        Names.checkPositive("maxWait", maxWait);
        return run(new Puller.Request(checkBatch(batch), 0, maxWait, false, Duration.ZERO));
    }

    @Override
    public List<JsMessage> fetchBytes(int batch, long maxBytes, Duration maxWait) {
        Names.checkPositive("maxWait", maxWait);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: must be 1 or more, got " + maxBytes);
        }
        return run(new Puller.Request(checkBatch(batch), maxBytes, maxWait, false, Duration.ZERO));
    }

    @Override
    public List<JsMessage> fetchNoWait(int batch) {
        return run(new Puller.Request(checkBatch(batch), 0, Duration.ZERO, true, Duration.ZERO));
    }

    @Override
    public JsMessage next(Duration maxWait) {
        List<JsMessage> one = fetch(1, maxWait);
        if (one.isEmpty()) {
            throw new NatsTimeoutException("no message from consumer " + stream + " > " + name + " within " + Durations.format(maxWait));
        }
        return one.get(0);
    }

    private static int checkBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be 1 or more, got " + batch);
        }
        return batch;
    }

    private List<JsMessage> run(Puller.Request r) {
        List<JsMessage> out = new ArrayList<>(Math.min(r.batch(), 1024));
        lock.lock();
        try {
            if (puller == null) {
                puller = new Puller(api, stream, name);
            }
            puller.pull(r, out::add);
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ConsumeContext consume(JsMessageHandler handler, ConsumeOptions options) {
        Consumption c = new Consumption(handler, options);
        consumptions.add(c);
        c.start();
        return c;
    }

    /**
     * Whether the error may mean the consumer is gone: a 409 "Consumer Deleted" (nats-server 2.9 sends
     * it too when the consumer's leader shuts down) or no responder for the pull (deleted, or a
     * leader election under way).
     */
    static boolean mayMeanGone(NatsException e) {
        return e instanceof ConsumerNotFoundException
            || e instanceof JetStreamApiException api && api.status() == 503;
    }

    /** Asks the server whether the consumer (or its stream) is gone; a failed question means no. */
    boolean isGone() {
        try {
            info();
            return false;
        } catch (ConsumerNotFoundException | StreamNotFoundException e) {
            return true;
        } catch (NatsException e) {
            LOG.debug("consume {} > {}: checking the consumer: {}", stream, name, e.toString());
            return false;
        }
    }

    /** The error a continuous consumption ends with once the server confirmed the consumer is gone. */
    ConsumerNotFoundException gone(String what) {
        return new ConsumerNotFoundException(404, JetStreamApiException.CONSUMER_NOT_FOUND,
            "consumer " + stream + " > " + name + " was deleted; " + what + " ends");
    }

    /** Forgets a consumption or iteration that was closed. */
    void ended(ConsumeContext c) {
        consumptions.remove(c);
    }

    @Override
    public MessageIterable iterate(ConsumeOptions options) {
        RealMessageIterable it = new RealMessageIterable(this, new Puller(api, stream, name), options);
        consumptions.add(it);
        return it;
    }

    @Override
    public ConsumerInfo info() {
        return new RealJetStreamManagement(api).consumerInfo(stream, name);
    }

    @Override
    public void close() {
        consumptions.forEach(ConsumeContext::close);
        lock.lock();
        try {
            if (puller != null) {
                puller.close();
                puller = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One continuous consumption: a thread running {@link Puller#consume}, which keeps messages asked for
     * ahead; after a failure or a lost heartbeat it starts over with the same puller, whose ledger
     * remembers what the still open requests owe. Errors go to the options' handler, followed by a
     * short pause that grows while they repeat (at most 1 s). A consumer that the server confirms is
     * gone ends the consumption, reported once. Its state is confined to its
     * thread, except the {@code active} flag.
     */
    private final class Consumption implements ConsumeContext {
        private final JsMessageHandler handler;
        private final ConsumeOptions options;
        private final Thread thread;
        private volatile boolean active = true;
        private volatile long delivered;

        Consumption(JsMessageHandler handler, ConsumeOptions options) {
            this.handler = handler;
            this.options = options;
            this.thread = new Thread(this::loop, "relay-js-consume-" + stream + "-" + name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long pauseMs = 0;
            Puller own = null;
            Puller.Request r = new Puller.Request(options.batch(), options.maxBytes(), options.expires(), false,
                options.heartbeat());
            while (active) {
                try {
                    if (own == null) {
                        own = new Puller(api, stream, name);
                    }
                    own.consume(r, this::deliver, () -> active, Long.MAX_VALUE);
                    pauseMs = 0;
                } catch (ConnectionClosedException e) {
                    break;
                } catch (NatsException e) {
                    if (!active) {
                        break;
                    }
                    LOG.debug("consume {} > {}: {}", stream, name, e.toString());
                    if (mayMeanGone(e) && isGone()) {
                        report(gone("consume"));
                        break;
                    }
                    report(e);
                    pauseMs = Math.min(1000, Math.max(50, pauseMs * 2));
                    if (!pause(pauseMs)) {
                        break;
                    }
                } catch (RuntimeException | Error e) {
                    // not the server's or the network's doing: end the consume and say so, rather than let
                    // the thread die while isActive() still says true
                    report(new NatsException("consume of " + stream + " > " + name + " ended: " + e, e));
                    break;
                }
            }
            if (own != null) {
                try {
                    own.close();
                } catch (NatsException e) {
                    LOG.debug("closing consume inbox of {} > {}: {}", stream, name, e.toString());
                }
            }
            active = false;
        }

        private boolean deliver(JsMessage m) {
            if (!active) {
                return false;
            }
            delivered++;
            try {
                handler.onMessage(m);
            } catch (RuntimeException e) {
                LOG.warn("handler of consumer {} > {} threw; going on", stream, name, e);
                report(new NatsException("handler threw: " + e, e));
            }
            return active;
        }

        private void report(NatsException e) {
            try {
                options.errorHandler().accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("error handler of consumer {} > {} threw", stream, name, ex);
            }
        }

        private boolean pause(long ms) {
            try {
                Thread.sleep(ms);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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
            thread.interrupt();
            consumptions.remove(this);
            if (Thread.currentThread() == thread) {
                return; // closed from the handler: the loop ends after it returns
            }
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
