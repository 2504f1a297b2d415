package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server that injects network faults on command:
 * pass, stall (half-open: sockets stay open, nothing moves), delay, cut and refuse. Modes apply to
 * current and new connections. Thread-safe: any thread may change the mode; connections are served
 * by daemon threads named {@code relay-fault-proxy-<proxy>-<n>} (one acceptor, two per connection).
 *
 * <p>{@code try (FaultProxy p = FaultProxy.start(server)) { connect(p.url()); p.stall(); ...; p.pass(); }}
 */
public final class FaultProxy implements AutoCloseable {

    /** How a proxy treats the bytes of its connections. */
    public enum Mode {
        /** Forward both directions at once. */
        PASS,
        /** Forward nothing in either direction, keeping every socket open; data is held, not lost. */
        STALL,
        /** Forward each chunk once it is {@link FaultProxy#delay()} old. */
        DELAY
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final AtomicInteger PROXY_IDS = new AtomicInteger();
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final ExecutorService pool;
    private final FaultGate gate = new FaultGate(System::nanoTime);
    private final Set<ProxyLink> links = ConcurrentHashMap.newKeySet();
    private final ReentrantLock linksLock = new ReentrantLock();
    private final AtomicLong bytesForwarded = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean refusing;
    private volatile boolean closed;

    private final int id;

    private FaultProxy(int id, InetSocketAddress target, ServerSocket listener, ExecutorService pool) {
        this.id = id;
        this.target = target;
        this.listener = listener;
        this.pool = pool;
    }

    /**
     * Starts a proxy on a free loopback port that forwards to {@code targetHost:targetPort}, in
     * {@link Mode#PASS}. Returns once it accepts connections; the target is dialled per connection.
     *
     * @param targetHost the server's host, normally {@code 127.0.0.1}
     * @param targetPort the server's port, 1..65535
     * @return the running proxy; close it when done
     * @throws IllegalArgumentException if the port is out of range
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        Objects.requireNonNull(targetHost, "targetHost");
        if (targetPort < 1 || targetPort > 65_535) {
            throw new IllegalArgumentException("targetPort must be between 1 and 65535, was " + targetPort);
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 50, FreePorts.loopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a proxy port on 127.0.0.1", e);
        }
        int id = PROXY_IDS.incrementAndGet();
        FaultProxy proxy = new FaultProxy(id, new InetSocketAddress(targetHost, targetPort), listener,
                Executors.newCachedThreadPool(threadFactory(id)));
        proxy.pool.execute(proxy::acceptLoop);
        return proxy;
    }

    /**
     * Starts a proxy in front of a server's client port; it keeps working across
     * {@link NatsServer#restart()}, which keeps the port.
     *
     * @param server the server to forward to
     * @return the running proxy; close it when done
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FaultProxy start(NatsServer server) {
        return start(server.host(), server.port());
    }

    /** @return the proxy's port on 127.0.0.1 */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code nats://127.0.0.1:PORT}, the URL a client connects to instead of the server's */
    public String url() {
        return "nats://" + ServerLauncher.HOST + ":" + port();
    }

    /** @return the current mode; {@link Mode#PASS} after start */
    public Mode mode() {
        return gate.mode();
    }

    /** @return the latency added per chunk in {@link Mode#DELAY}; zero if never set */
    public Duration delay() {
        return Duration.ofNanos(gate.delayNanos());
    }

    /** Forwards both directions again; data held by a stall or delay is delivered now, in order. */
    public void pass() {
        gate.set(Mode.PASS, gate.delayNanos());
    }

    /**
     * Stops forwarding in both directions while every socket stays open, like a dead network or a
     * half-open connection: reads on either side block. Data (and hang-ups) are held until the mode
     * changes. Applies to chunks read from now on; returns at once.
     */
    public void stall() {
        gate.set(Mode.STALL, gate.delayNanos());
    }

    /**
     * Forwards each chunk {@code perChunk} after it was read, in both directions, in order. Chunks
     * go one at a time per direction, so latency adds up under load; meant for tests, not shaping.
     *
     * @param perChunk zero or positive
     * @throws IllegalArgumentException if negative
     */
    public void delay(Duration perChunk) {
        Objects.requireNonNull(perChunk, "perChunk");
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("perChunk must not be negative, was " + perChunk);
        }
        gate.set(Mode.DELAY, perChunk.toNanos());
    }

    /**
     * Closes every current connection at once, on both sides, discarding held data; the client
     * sees end of stream or a reset. New connections are still accepted and treated per mode.
     */
    public void cut() {
        List<ProxyLink> current;
        linksLock.lock();
        try {
            current = new ArrayList<>(links);
            links.clear();
        } finally {
            linksLock.unlock();
        }
        current.forEach(ProxyLink::close);
    }

    /**
     * Makes the proxy accept new connections and close them at once (the client reads end of
     * stream), or stop doing so. Current connections are not affected.
     *
     * @param refuse true to refuse new connections; false (the default) to proxy them
     */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** @return whether new connections are refused */
    public boolean isRefusing() {
        return refusing;
    }

    /** @return the number of proxied connections open now (refused ones never count) */
    public int connectionCount() {
        return links.size();
    }

    /** @return the number of connections accepted since start, including refused ones */
    public long acceptedCount() {
        return accepted.get();
    }

    /** @return the bytes written on to either side since start, both directions together */
    public long bytesForwarded() {
        return bytesForwarded.get();
    }

    /** Closes the listener and every connection, and waits (up to 5 s) until all threads ended. Idempotent. */
    @Override
    public void close() {
        linksLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            linksLock.unlock();
        }
        gate.close();
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("Closing proxy listener: {}", e.toString());
        }
        cut();
        pool.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} threads still running {} s after close", this, CLOSE_WAIT_SECONDS);
            }
            joinThreads(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy{" + url() + " -> " + target.getHostString() + ":" + target.getPort()
                + ", mode=" + mode() + ", refusing=" + refusing + ", connections=" + connectionCount() + "}";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{} stopped accepting: {}", this, e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            ProxyLink link = new ProxyLink(client, gate, bytesForwarded, System::nanoTime, links::remove);
            if (!register(link)) {
                continue;
            }
            try {
                pool.execute(() -> link.run(target, CONNECT_TIMEOUT_MS, pool));
            } catch (RejectedExecutionException e) {
                link.close(); // closing
            }
        }
    }

    /** Adds a link unless the proxy closed meanwhile, atomically with {@link #cut()} and {@link #close()}. */
    private boolean register(ProxyLink link) {
        linksLock.lock();
        try {
            if (!closed) {
                links.add(link);
                return true;
            }
        } finally {
            linksLock.unlock();
        }
        link.close();
        return false;
    }

    /** Every thread any proxy made, so close() can wait until its own have really ended. */
    private static final java.util.Set<Thread> THREADS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static ThreadFactory threadFactory(int proxyId) {
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "relay-fault-proxy-" + proxyId + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            THREADS.add(thread);
            return thread;
        };
    }

    /** Waits (bounded) for this proxy's threads to exit: the pool's termination precedes their last breath. */
    private void joinThreads(long deadlineNanos) throws InterruptedException {
        String prefix = "relay-fault-proxy-" + id + "-";
        for (Thread t : THREADS) {
            if (t.getName().startsWith(prefix)) {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                if (!t.isAlive()) {
                    THREADS.remove(t);
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // refused connection: closing is all we wanted
        }
    }
}
