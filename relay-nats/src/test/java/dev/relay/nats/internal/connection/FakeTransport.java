package dev.relay.nats.internal.connection;

import dev.relay.nats.internal.transport.Connector;
import dev.relay.nats.internal.transport.Transport;
import dev.relay.nats.internal.transport.TransportListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * A scripted transport for the connection core's unit tests: the test thread plays the I/O thread (it
 * runs the queued tasks and feeds the server's bytes), what the client writes is recorded, timers run on a
 * {@link ManualClock}. No socket, no sleep. Confined to the test thread, but for {@link #execute} and
 * {@link #close}, which other threads may call.
 */
final class FakeTransport implements Transport {
    private final TransportListener listener;
    private final ManualClock clock;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private volatile boolean open = true;
    private volatile boolean outputShut;
    /** Set to play a server that stopped reading: writes are recorded but never complete. */
    volatile boolean stallWrites;
    private volatile Thread ioThread;
    /** The address this attempt was opened to (set by the connector). */
    volatile String address;

    FakeTransport(TransportListener listener, ManualClock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Opens transports as fakes, one per connection attempt, handed to the test in order. */
    static final class FakeConnector implements Connector {
        private final ManualClock clock;
        private final BlockingQueue<FakeTransport> opened = new LinkedBlockingQueue<>();

        FakeConnector(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public CompletableFuture<Transport> tcp(String host, int port, Duration timeout, TransportListener listener,
                                                SSLEngine tlsFirst, Duration keepAliveIdle) {
            lastAddress = host + ":" + port;
            return open(listener);
        }

        /** Where the latest TCP attempt went. */
        volatile String lastAddress;

        @Override
        public CompletableFuture<Transport> unix(Path path, Duration timeout, TransportListener listener) {
            return open(listener);
        }

        private CompletableFuture<Transport> open(TransportListener listener) {
            CompletableFuture<Transport> result = new CompletableFuture<>();
            FakeTransport t = new FakeTransport(listener, clock);
            t.address = lastAddress;
            t.execute(() -> {
                listener.onOpen(t);
                result.complete(t);
            });
            opened.add(t);
            return result;
        }

        /** The next connection attempt, now driven by the calling thread (its "I/O thread"). */
        FakeTransport next() throws InterruptedException {
            FakeTransport t = opened.poll(10, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("no connection attempt within 10 s");
            }
            t.ioThread = Thread.currentThread();
            t.runTasks();
            return t;
        }
    }

    /** The server sends these bytes: one read, then the end of the read batch, then the queued tasks. */
    void serverSends(String protocol) {
        runTasks();
        listener.onRead(ByteBuffer.wrap(protocol.getBytes(StandardCharsets.UTF_8)));
        listener.onReadComplete();
        runTasks();
    }

    /** Runs what other threads asked the I/O thread to do, until nothing is left. */
    void runTasks() {
        while (true) {
            Runnable r;
            synchronized (tasks) {
                r = tasks.poll();
            }
            if (r == null) {
                return;
            }
            r.run();
        }
    }

    /** What the client has written so far, as text. */
    String clientWrote() {
        runTasks();
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    boolean outputShut() {
        return outputShut;
    }

    @Override
    public void write(ByteBuffer data, Consumer<Boolean> done) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        synchronized (written) {
            written.writeBytes(b);
        }
        if (!stallWrites) {
            done.accept(open);
        }
    }

    @Override
    public int writeNow(ByteBuffer data) {
        return -1;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
        }
    }

    @Override
    public Runnable schedule(Runnable task, long delayNanos) {
        return clock.schedule(task, delayNanos);
    }

    @Override
    public boolean inIoThread() {
        return Thread.currentThread() == ioThread;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public CompletableFuture<Void> startTls(SSLEngine engine) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no TLS in the fake transport"));
    }

    @Override
    public void shutdownOutput() {
        outputShut = true;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            execute(() -> listener.onClosed(null));
        }
    }
}
