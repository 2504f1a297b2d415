package dev.relay.bench.e2e;

import dev.relay.cli.bench.BenchResult;
import dev.relay.cli.bench.BenchSpec;
import dev.relay.cli.bench.LatencyHistogram;
import dev.relay.cli.bench.Progress;
import dev.relay.cli.bench.RelayWorkloads;
import dev.relay.cli.bench.Timing;
import dev.relay.cli.bench.VirtualThreads;
import dev.relay.cli.bench.Waits;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jnats side of the side-by-side benchmarks, mirroring {@link RelayWorkloads} line for line: same
 * subjects, payloads, warm-up, counting, waits and final flush; only the client calls differ (a jnats
 * {@link Dispatcher} where Relay subscribes on its default dispatcher). Each method blocks until its run
 * is over and closes what it opened.
 */
public final class JnatsWorkloads {
    /** Timeout of each request and flush, as on the Relay side. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Opens a jnats connection; jnats declares checked exceptions. */
    @FunctionalInterface
    interface JnatsConnector {
        Connection connect() throws Exception;
    }

    private JnatsWorkloads() {
    }

    /** PUB: see {@link RelayWorkloads#pub}. */
    static BenchResult pub(String url, long msgs, int size, long warmup) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(RelayWorkloads.MSGS_SUBJECT, msgs, size, warmup, 0, 1),
            Progress.none());
    }

    /** PUB+SUB: see {@link RelayWorkloads#pubSub(String, long, int, long)}. */
    static BenchResult pubSub(String url, long msgs, int size, long warmup) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(RelayWorkloads.MSGS_SUBJECT, msgs, size, warmup, 1, 1),
            Progress.none());
    }

    /**
     * The twin of {@link RelayWorkloads#pubBatch}: jnats has no batch API, so this is the plain
     * publish loop of {@link #pub} (its own fresh-JVM sample, so the ratio reads "Relay batched vs
     * jnats as jnats users publish").
     */
    static BenchResult pubBatch(String url, long msgs, int size, long warmup, int batch) {
        return pub(url, msgs, size, warmup);
    }

    /**
     * The twin of {@link RelayWorkloads#pubSubInline}: jnats cannot run handlers on its reader thread,
     * so this is {@link #pubSub(String, long, int, long)} with its Dispatcher.
     */
    static BenchResult pubSubInline(String url, long msgs, int size, long warmup) {
        return pubSub(url, msgs, size, warmup);
    }

    /** Requests in flight: see {@link RelayWorkloads#reqRepInflight}. */
    static BenchResult reqRepInflight(String url, long msgs, int size, int inflight, long warmup) {
        return reqRep(() -> Nats.connect(url),
            BenchSpec.of(RelayWorkloads.REQUEST_SUBJECT, msgs, size, warmup, 1, inflight), Progress.none());
    }

    /** Sequential requests: see {@link RelayWorkloads#reqRepSequential}. */
    static BenchResult reqRepSequential(String url, long msgs, int size, long warmup) {
        return reqRep(() -> Nats.connect(url), BenchSpec.of(RelayWorkloads.REQUEST_SUBJECT, msgs, size, warmup, 1, 1),
            Progress.none());
    }

    /** Requests from virtual threads: see {@link RelayWorkloads#reqRepVirtual}. */
    static BenchResult reqRepVirtual(String url, long msgs, int size, int threads, long warmup) {
        BenchSpec spec = new BenchSpec(RelayWorkloads.REQUEST_SUBJECT, msgs, size, warmup, threads, 1, 1);
        ExecutorService executor = VirtualThreads.newPerTaskExecutor();
        List<Connection> open = new ArrayList<>();
        try {
            Connection nc = connect(() -> Nats.connect(url), open);
            startEchoResponder(connect(() -> Nats.connect(url), open), spec.subject());
            byte[] payload = new byte[size];
            requestFromThreads(executor, nc, spec, spec.warmup(), payload, new LatencyHistogram());
            LatencyHistogram latency = new LatencyHistogram();
            Timing.Running t = Timing.start();
            requestFromThreads(executor, nc, spec, spec.msgs(), payload, latency);
            return new BenchResult("reqrep-virtual", msgs, size, t.stop(), latency);
        } finally {
            executor.shutdownNow();
            closeAll(open);
        }
    }

    /** Publishers and subscribers: see {@link RelayWorkloads#pubSub(dev.relay.cli.bench.Connector, BenchSpec, Progress)}. */
    static BenchResult pubSub(JnatsConnector connector, BenchSpec spec, Progress progress) {
        byte[] payload = new byte[spec.size()];
        List<Connection> open = new ArrayList<>();
        try {
            JnatsCountingHandler[] counters = new JnatsCountingHandler[spec.subs()];
            for (int s = 0; s < counters.length; s++) {
                Connection sc = connect(connector, open);
                counters[s] = new JnatsCountingHandler(Progress.none(), spec.warmup(), spec.warmup() + spec.msgs());
                Dispatcher sub = sc.createDispatcher(counters[s]).subscribe(spec.subject());
                sub.setPendingLimits(-1, -1);
                flush(sc);
            }
            Connection[] pubs = new Connection[spec.pubs()];
            for (int p = 0; p < pubs.length; p++) {
                pubs[p] = connect(connector, open);
            }
            publishAll(pubs, spec, spec.warmup(), payload, progress);
            awaitAll(counters, 0);
            Timing.Running t = Timing.start();
            publishAll(pubs, spec, spec.msgs(), payload, progress);
            awaitAll(counters, 1);
            Timing timing = t.stop();
            return new BenchResult(counters.length == 0 ? "pub" : "pubsub", spec.msgs(), spec.size(), timing,
                new LatencyHistogram());
        } finally {
            closeAll(open);
        }
    }

    /** Requests to an echo responder: see {@link RelayWorkloads#reqRep}. */
    static BenchResult reqRep(JnatsConnector connector, BenchSpec spec, Progress progress) {
        byte[] payload = new byte[spec.size()];
        List<Connection> open = new ArrayList<>();
        try {
            startEchoResponder(connect(connector, open), spec.subject());
            Connection nc = connect(connector, open);
            boolean sequential = spec.inflight() == 1;
            LatencyHistogram warm = new LatencyHistogram();
            if (sequential) {
                requestSequential(nc, spec.subject(), spec.warmup(), payload, warm, progress);
            } else {
                requestInflight(nc, spec, spec.warmup(), payload, warm, progress);
            }
            LatencyHistogram latency = new LatencyHistogram();
            Timing.Running t = Timing.start();
            if (sequential) {
                requestSequential(nc, spec.subject(), spec.msgs(), payload, latency, progress);
            } else {
                requestInflight(nc, spec, spec.msgs(), payload, latency, progress);
            }
            return new BenchResult("reqrep", spec.msgs(), spec.size(), t.stop(), latency);
        } finally {
            closeAll(open);
        }
    }

    // ---- loops ----

    private static void publishAll(Connection[] pubs, BenchSpec spec, long total, byte[] payload, Progress progress) {
        Waits.onThreads(pubs.length, "jnats-bench-pub",
            p -> publish(pubs[p], spec.subject(), payload, spec.shareOf(total, p), progress));
    }

    private static void publish(Connection nc, String subject, byte[] payload, long count, Progress progress) {
        for (long i = 1; i <= count; i++) {
            nc.publish(subject, payload);
            if ((i & Progress.MASK) == 0) {
                progress.step();
            }
        }
        flush(nc);
    }

    private static void startEchoResponder(Connection rc, String subject) {
        Dispatcher rs = rc.createDispatcher(m -> rc.publish(m.getReplyTo(), m.getData())).subscribe(subject);
        rs.setPendingLimits(-1, -1);
        flush(rc);
    }

    private static void requestSequential(Connection nc, String subject, long count, byte[] payload,
                                          LatencyHistogram latency, Progress progress) {
        for (long i = 1; i <= count; i++) {
            long start = System.nanoTime();
            Message reply = request(nc, subject, payload);
            latency.record(System.nanoTime() - start);
            checkEcho(reply.getData().length, payload.length);
            if ((i & Progress.MASK) == 0) {
                progress.step();
            }
        }
    }

    private static void requestInflight(Connection nc, BenchSpec spec, long count, byte[] payload,
                                        LatencyHistogram latency, Progress progress) {
        Semaphore window = new Semaphore(spec.inflight());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (long i = 1; i <= count && failure.get() == null; i++) {
            Waits.acquire(window, 1);
            long start = System.nanoTime();
            nc.requestWithTimeout(spec.subject(), payload, TIMEOUT).whenComplete((reply, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    latency.record(System.nanoTime() - start);
                }
                window.release();
            });
            if ((i & Progress.MASK) == 0) {
                progress.step();
            }
        }
        Waits.acquire(window, spec.inflight());
        Waits.rethrow(failure.get());
    }

    private static void requestFromThreads(ExecutorService executor, Connection nc, BenchSpec spec, long total,
                                           byte[] payload, LatencyHistogram latency) {
        Waits.onExecutor(executor, spec.pubs(), t ->
            requestSequential(nc, spec.subject(), spec.shareOf(total, t), payload, latency, Progress.none()));
    }

    // ---- plumbing: jnats throws checked exceptions and answers a timed-out request with null ----

    static Connection connect(JnatsConnector connector, List<Connection> open) {
        try {
            Connection c = connector.connect();
            open.add(c);
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        } catch (Exception e) {
            throw new IllegalStateException("jnats could not connect: " + e, e);
        }
    }

    private static Message request(Connection nc, String subject, byte[] payload) {
        try {
            Message reply = nc.request(subject, payload, TIMEOUT);
            if (reply == null) {
                throw new IllegalStateException("no reply on '" + subject + "' within " + TIMEOUT);
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reply", e);
        }
    }

    static void flush(Connection nc) {
        try {
            nc.flush(TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("flush not confirmed within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing", e);
        }
    }

    private static void checkEcho(int got, int sent) {
        if (got != sent) {
            throw new IllegalStateException("echo reply has " + got + " bytes, the request had " + sent);
        }
    }

    private static void awaitAll(JnatsCountingHandler[] counters, int milestone) {
        for (JnatsCountingHandler c : counters) {
            c.await(milestone, Waits.WAIT_NANOS);
        }
    }

    static void closeAll(List<Connection> open) {
        for (Connection c : open) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // closing after a failed run: the run's own exception is the one that matters
            }
        }
    }
}
