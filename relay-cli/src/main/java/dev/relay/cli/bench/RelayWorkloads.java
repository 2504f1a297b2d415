package dev.relay.cli.bench;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Nats;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Relay side of every benchmark, written once for {@code relay bench} and the side-by-side runner
 * (which mirrors it line for line for jnats in {@code JnatsWorkloads}): publish, publish + subscribe,
 * subscribe only, requests in flight, sequential requests and requests from virtual threads (many
 * connections: {@link RelayScale}). Tight loops call the connection directly. Each method blocks until its run is over
 * and closes what it opened; runs may go on in parallel from different threads.
 */
public final class RelayWorkloads {

    /** Subject of the publish and publish + subscribe cases. */
    public static final String MSGS_SUBJECT = "bench.msgs";
    /** Subject the echo responder serves. */
    public static final String REQUEST_SUBJECT = "bench.req";
    /** Subject every connection of the scale case subscribes to. */
    public static final String SCALE_SUBJECT = "scale.all";
    /** Timeout of each request and flush; far above anything a healthy run sees. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RelayWorkloads() {
    }

    /**
     * PUB: one connection publishes {@code msgs} messages after a warm-up to a subject nobody
     * subscribes to; timed from the first publish until {@code flush} returns.
     *
     * @param url server URL
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @return the result
     */
    public static BenchResult pub(String url, long msgs, int size, long warmup) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(MSGS_SUBJECT, msgs, size, warmup, 0, 1), Progress.none());
    }

    /**
     * PUB+SUB: a publisher and an asynchronous subscriber on two connections; timed from the first
     * publish until the subscriber has counted every message.
     *
     * @param url server URL
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @return the result
     */
    public static BenchResult pubSub(String url, long msgs, int size, long warmup) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(MSGS_SUBJECT, msgs, size, warmup, 1, 1), Progress.none());
    }

    /**
     * PUB through {@code Connection.batch}: as {@link #pub}, {@code batch} messages per call.
     *
     * @param url server URL
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @param batch messages per batch
     * @return the result
     */
    public static BenchResult pubBatch(String url, long msgs, int size, long warmup, int batch) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(MSGS_SUBJECT, msgs, size, warmup, 0, 1).withBatch(batch),
            Progress.none());
    }

    /**
     * PUB+SUB with the subscriber on an inline dispatcher (handler on the I/O thread): as {@link #pubSub}.
     *
     * @param url server URL
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @return the result
     */
    public static BenchResult pubSubInline(String url, long msgs, int size, long warmup) {
        return pubSub(() -> Nats.connect(url), BenchSpec.of(MSGS_SUBJECT, msgs, size, warmup, 1, 1).withInline(true),
            Progress.none());
    }

    /**
     * Requests with {@code inflight} outstanding at all times, answered by an echo responder on its
     * own connection; throughput and per-request latency.
     *
     * @param url server URL
     * @param msgs timed requests
     * @param size payload bytes
     * @param inflight requests kept outstanding
     * @param warmup warm-up requests
     * @return the result
     */
    public static BenchResult reqRepInflight(String url, long msgs, int size, int inflight, long warmup) {
        return reqRep(() -> Nats.connect(url), BenchSpec.of(REQUEST_SUBJECT, msgs, size, warmup, 1, inflight),
            Progress.none());
    }

    /**
     * Blocking requests one at a time to an echo responder; per-request latency.
     *
     * @param url server URL
     * @param msgs timed requests
     * @param size payload bytes
     * @param warmup warm-up requests
     * @return the result
     */
    public static BenchResult reqRepSequential(String url, long msgs, int size, long warmup) {
        return reqRep(() -> Nats.connect(url), BenchSpec.of(REQUEST_SUBJECT, msgs, size, warmup, 1, 1),
            Progress.none());
    }

    /**
     * Blocking requests from many virtual threads sharing one connection (Java 21+).
     *
     * @param url server URL
     * @param msgs timed requests in all threads together
     * @param size payload bytes
     * @param threads virtual threads, each sending its share one request at a time
     * @param warmup warm-up requests in all threads together
     * @return the result
     * @throws UnsupportedOperationException before Java 21
     */
    public static BenchResult reqRepVirtual(String url, long msgs, int size, int threads, long warmup) {
        BenchSpec spec = new BenchSpec(REQUEST_SUBJECT, msgs, size, warmup, threads, 1, 1);
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

    /**
     * Publishers and subscribers, each on its own connection: the general form of {@link #pub} and
     * {@link #pubSub}. With no subscribers it is timed until every publisher's flush returned;
     * otherwise until every subscriber counted every message.
     *
     * @param connector opens connections
     * @param spec what to run
     * @param progress told as messages are published
     * @return the result, named {@code pub} or {@code pubsub}
     */
    public static BenchResult pubSub(Connector connector, BenchSpec spec, Progress progress) {
        byte[] payload = new byte[spec.size()];
        List<Connection> open = new ArrayList<>();
        try {
            CountingHandler[] counters = new CountingHandler[spec.subs()];
            for (int s = 0; s < counters.length; s++) {
                Connection sc = connect(connector, open);
                counters[s] = new CountingHandler(Progress.none(), spec.warmup(), spec.warmup() + spec.msgs());
                subscribe(sc, spec, counters[s]);
                sc.flush(TIMEOUT);
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

    /**
     * Subscribers only, each on its own connection, counting {@code msgs} messages that someone else
     * publishes; timed from the first message any of them got until the last one had them all.
     *
     * @param connector opens connections
     * @param spec what to run ({@code subs} subscribers; warm-up and publishers are ignored)
     * @param progress told as the first subscriber receives
     * @param listening called once every subscription is registered with the server
     * @return the result, named {@code sub}
     */
    public static BenchResult sub(Connector connector, BenchSpec spec, Progress progress, Runnable listening) {
        List<Connection> open = new ArrayList<>();
        try {
            CountingHandler[] counters = new CountingHandler[Math.max(1, spec.subs())];
            for (int s = 0; s < counters.length; s++) {
                Connection sc = connect(connector, open);
                counters[s] = new CountingHandler(s == 0 ? progress : Progress.none(), spec.msgs());
                subscribe(sc, spec, counters[s]);
                sc.flush(TIMEOUT);
            }
            listening.run();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (CountingHandler c : counters) {
                c.await(0, 0);
                first = Math.min(first, c.firstNanos());
                last = Math.max(last, c.reachedNanos(0));
            }
            return new BenchResult("sub", spec.msgs(), spec.size(), new Timing(Math.max(1, last - first), -1, -1),
                new LatencyHistogram());
        } finally {
            closeAll(open);
        }
    }

    /**
     * Requests to an echo responder on its own connection: blocking one at a time when
     * {@code spec.inflight()} is 1, else that many kept outstanding with asynchronous requests.
     *
     * @param connector opens connections
     * @param spec what to run
     * @param progress told as requests are sent
     * @return the result, named {@code reqrep}, with latencies
     */
    public static BenchResult reqRep(Connector connector, BenchSpec spec, Progress progress) {
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
        Waits.onThreads(pubs.length, "relay-bench-pub", p -> {
            if (spec.batch() > 1) {
                publishBatched(pubs[p], spec.subject(), payload, spec.shareOf(total, p), spec.batch(), progress);
            } else {
                publish(pubs[p], spec.subject(), payload, spec.shareOf(total, p), progress);
            }
        });
    }

    private static void publishBatched(Connection nc, String subject, byte[] payload, long count, int batch,
                                       Progress progress) {
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(batch, count - done);
            nc.batch(b -> {
                for (int k = 0; k < n; k++) {
                    b.publish(subject, payload);
                }
            });
            done += n;
            progress.add(n);
        }
        nc.flush(TIMEOUT);
    }

    private static void publish(Connection nc, String subject, byte[] payload, long count, Progress progress) {
        for (long i = 1; i <= count; i++) {
            nc.publish(subject, payload);
            if ((i & Progress.MASK) == 0) {
                progress.step();
            }
        }
        nc.flush(TIMEOUT);
    }

    private static void subscribe(Connection sc, BenchSpec spec, CountingHandler counter) {
        Subscription sub = spec.inline() ? sc.createInlineDispatcher().subscribe(spec.subject(), counter)
            : sc.subscribe(spec.subject(), counter);
        sub.pendingLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    private static void startEchoResponder(Connection rc, String subject) {
        Subscription rs = rc.subscribe(subject, m -> m.respond(m.data()));
        rs.pendingLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
        rc.flush(TIMEOUT);
    }

    private static void requestSequential(Connection nc, String subject, long count, byte[] payload,
                                          LatencyHistogram latency, Progress progress) {
        for (long i = 1; i <= count; i++) {
            long start = System.nanoTime();
            Message reply = nc.request(subject, payload, TIMEOUT);
            latency.record(System.nanoTime() - start);
            checkEcho(reply.data().length, payload.length);
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
            nc.requestAsync(spec.subject(), null, payload, TIMEOUT).whenComplete((reply, error) -> {
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

    // ---- plumbing ----

    static Connection connect(Connector connector, List<Connection> open) {
        Connection c = connector.connect();
        open.add(c);
        return c;
    }

    private static void checkEcho(int got, int sent) {
        if (got != sent) {
            throw new IllegalStateException("echo reply has " + got + " bytes, the request had " + sent);
        }
    }

    private static void awaitAll(CountingHandler[] counters, int milestone) {
        for (CountingHandler c : counters) {
            c.await(milestone, Waits.WAIT_NANOS);
        }
    }

    static void closeAll(List<Connection> open) {
        for (Connection c : open) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing after a failed run: the run's own exception is the one that matters
            }
        }
    }
}
