package dev.relay.nats.internal.connection;

import dev.relay.nats.AuthenticationException;
import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionListener;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.ConnectionStatus;
import dev.relay.nats.Dispatcher;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.Nats;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Options;
import dev.relay.nats.Publisher;
import dev.relay.nats.Replies;
import dev.relay.nats.ReplyHandler;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.Statistics;
import dev.relay.nats.Subscription;
import dev.relay.nats.Durations;
import dev.relay.nats.internal.protocol.ProtocolEncoder;
import dev.relay.nats.internal.protocol.Subjects;
import dev.relay.nats.internal.requestmany.RequestMany;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Connection} facade: checks arguments, encodes operations into the {@link OutboundBuffer}
 * on the caller's thread, and ties together the subscriptions, dispatchers, request multiplexer and
 * lifecycle. What arrives from the server is handled by its {@link Inbound}. Thread-safe.
 *
 * <p>Longer than the house's 600 lines on purpose: it is the facade of the whole public
 * {@code Connection} (every publish, subscribe and request overload, flush, drain, close) plus the
 * lifecycle reactions its pieces report to it. The work itself lives in those pieces
 * ({@link OutboundBuffer}, {@link SubscriptionRegistry}, {@link RequestMux}, {@link Reconnector},
 * {@link Inbound}); splitting the facade would only move the delegation around.
 */
public final class RealConnection implements Connection {
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Options options;
    private final OutboundBuffer outbound;
    private final SubscriptionRegistry<RealSubscription> registry = new SubscriptionRegistry<>();
    private final RequestMux mux;
    /** Threads inside a blocking {@link #request} right now; only a lone one writes through. */
    private final AtomicInteger blockingRequests = new AtomicInteger();
    private final Inbound inbound;
    private final Reconnector reconnector;
    private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean everConnected;
    private final Set<RealDispatcher> dispatchers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final AtomicReference<ConnectionStatus> status = new AtomicReference<>(ConnectionStatus.CONNECTING);
    private volatile String serverUrl = "";
    private final List<ConnectionListener> extraListeners = new CopyOnWriteArrayList<>();
    /** Set on the I/O thread before the first read (see {@link Inbound#onOpen}). */
    volatile dev.relay.nats.internal.transport.Transport transport;
    /** Control frames (SUB, UNSUB, PING) are tiny and never wait or fail for room: they may pass the bound. */
    private static final long CONTROL_FRAME = -1;
    private final PublishPath publishing;
    private final Publisher batchPublisher = new Publisher() {
        @Override
        public void publish(String subject, byte[] data) {
            RealConnection.this.publish(subject, null, null, data);
        }

        @Override
        public void publish(String subject, String replyTo, Headers headers, byte[] data) {
            RealConnection.this.publish(subject, replyTo, headers, data);
        }
    };

    private final Clock clock;
    /** When the batch now with the transport was handed over (odd, so never 0), or 0. I/O thread. */
    private long writeStartedNanos;
    private final java.util.concurrent.atomic.AtomicLong pingsSent = new java.util.concurrent.atomic.AtomicLong();
    /** What {@link #resetStatistics} subtracts. */
    private volatile Statistics statisticsBase = Statistics.ZERO;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    private RealConnection(Options options, Clock clock, dev.relay.nats.internal.transport.Connector connector) {
        this.options = options;
        this.clock = clock;
        this.outbound = new OutboundBuffer(options.maxOutboundBytes(), options.reconnect().bufferSize(),
                new OutboundBuffer.Sink() {
            private final Runnable drain = () -> RealConnection.this.outbound.drain();

            @Override
            public void wake() {
                var t = transport;
                if (t != null) {
                    t.execute(drain);
                }
            }

            @Override
            public int writeNow(ByteBuffer data) {
                var t = transport;
                return t == null ? -1 : t.writeNow(data);
            }

            @Override
            public void backlog(long pendingBytes) {
                Events.run("outbound backlog",
                    () -> options.errorListener().onOutboundBacklog(RealConnection.this, pendingBytes));
            }

            @Override
            public void write(ByteBuffer batch) {
                writeStartedNanos = clock.nanoTime() | 1;
                transport.write(batch, ok -> {
                    writeStartedNanos = 0;
                    RealConnection.this.outbound.written(batch);
                    RealConnection.this.inbound.afterWrite();
                });
            }
        });
        this.outbound.backlogAlarm(options.outboundBacklogAlarm());
        this.publishing = new PublishPath(outbound, options.maxPublishWait().toNanos(), this::inIoThread,
            options.maxPayload(), options.headers());
        this.inbound = new Inbound(this, options, clock, connector);
        this.mux = new RequestMux(new RequestMux.Wire() {
            @Override
            public void subscribeInbox(String subject, MessageHandler handler) {
                subscribe(subject, null, null, handler, true);
            }

            @Override
            public void publish(String subject, String replyTo, Headers headers, byte[] data, boolean writeThrough) {
                RealConnection.this.publish(subject, replyTo, headers, data, writeThrough);
            }
        }, clock, options.inboxPrefix());
        this.reconnector = new Reconnector(this, inbound, options, clock);
    }

    /**
     * Connects to the first server of the options that answers, blocking until connected.
     *
     * @param options the options
     * @return the connected connection
     */
    public static RealConnection connect(Options options) {
        return connect(options, Clock.SYSTEM, dev.relay.nats.internal.transport.Connector.NETTY);
    }

    /**
     * Connects with a given clock and connector: the system's and Netty's in production, a manual clock
     * and a fake transport in the core's unit tests.
     */
    static RealConnection connect(Options options, Clock clock, dev.relay.nats.internal.transport.Connector connector) {
        Objects.requireNonNull(options, "options");
        RealConnection c = new RealConnection(options, clock, connector);
        OPEN.incrementAndGet();
        try {
            c.start();
        } catch (RuntimeException | Error e) {
            // whatever ended the connect, nothing of this connection stays behind
            c.shutdown("could not connect");
            throw e;
        }
        return c;
    }

    /** Connections made and not yet shut down, for {@link #shutdownShared}. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    /**
     * Ends the threads every connection shares (I/O, dispatch, timer, events), for an application or a
     * test suite that wants no Relay thread left. Refused while a connection is open.
     *
     * @param timeout how long to wait for the I/O threads to end
     * @throws IllegalStateException if a connection is still open
     */
    public static synchronized void shutdownShared(Duration timeout) {
        int open = OPEN.get();
        if (open > 0) {
            throw new IllegalStateException(open + " connection(s) are still open: close them before Nats.shutdown()");
        }
        dev.relay.nats.internal.transport.EventLoops.shutdown(timeout);
        DispatchPool.shutdown();
        Timers.shutdown();
        Events.shutdown();
    }

    private void start() {
        NatsException failure;
        try {
            failure = reconnector.connectFirst();
        } catch (AuthenticationException e) {
            shutdown("authentication failed");
            throw e;
        }
        if (failure == null) {
            connectedTo();
            status.set(ConnectionStatus.CONNECTED);
            fire(ConnectionEvent.Type.CONNECTED, "");
            return;
        }
        if (options.reconnect().enabled() && options.reconnect().retryOnFailedConnect()) {
            status.set(ConnectionStatus.RECONNECTING);
            reportError(failure);
            reconnector.reconnect(null);
            return;
        }
        shutdown("could not connect");
        // The failure was made on an event loop: give the caller its own stack, the original as the cause.
        if (failure.getClass() == ConnectionException.class) {
            throw new ConnectionException(failure.getMessage(), failure);
        }
        throw failure;
    }

    private void connectedTo() {
        // the link that just connected already named its server by the scheme it used (tls://, unix://)
        serverUrl = inbound.currentUrl();
        everConnected = true;
    }

    // ---- what Inbound needs ----

    OutboundBuffer outbound() {
        return outbound;
    }

    SubscriptionRegistry<RealSubscription> registry() {
        return registry;
    }

    void serverInfo(ServerInfo info) {
        publishing.serverInfo(info);
    }

    /**
     * The link to {@code server} was lost: keep what is pending (the reconnect buffer), fail flushes the
     * server can no longer answer, and reconnect, or close when reconnecting is off. I/O thread.
     */
    void disconnected(URI server, String reason, Throwable cause) {
        if (status.get() == ConnectionStatus.CLOSED) {
            return;
        }
        transport = null;
        List<CompletableFuture<Void>> lost = outbound.disconnected(inbound::takeSentPongs);
        for (CompletableFuture<Void> f : lost) {
            f.completeExceptionally(new ConnectionException("connection lost before the server answered"));
        }
        if (cause instanceof dev.relay.nats.ProtocolException) {
            reportError(cause);
        }
        fire(ConnectionEvent.Type.DISCONNECTED, reason);
        if (!options.reconnect().enabled()) {
            status.set(ConnectionStatus.CLOSED);
            shutdown("connection lost: " + reason);
            fire(ConnectionEvent.Type.CLOSED, reason);
            return;
        }
        status.compareAndSet(ConnectionStatus.CONNECTED, ConnectionStatus.RECONNECTING);
        if (options.reconnect().failRequestsOnDisconnect()) {
            mux.closeAll("disconnected from " + serverUrl + " (" + reason + ")", true);
        }
        reconnector.reconnect(server);
    }

    /** A reconnect attempt succeeded: subscriptions restored, kept bytes on their way. */
    void reconnected() {
        if (status.get() == ConnectionStatus.CLOSED) {
            inbound.abandon();
            return;
        }
        boolean first = !everConnected;
        connectedTo();
        if (first) {
            status.compareAndSet(ConnectionStatus.RECONNECTING, ConnectionStatus.CONNECTED);
            fire(ConnectionEvent.Type.CONNECTED, "");
            return;
        }
        reconnects.incrementAndGet();
        status.compareAndSet(ConnectionStatus.RECONNECTING, ConnectionStatus.CONNECTED);
        fire(ConnectionEvent.Type.RECONNECTED, "");
    }

    void attemptFailed(URI server, Throwable error) {
        if (error instanceof AuthenticationException) {
            reportError(error);
        }
    }

    /** No server is left to try. */
    void giveUp(String reason) {
        if (status.getAndSet(ConnectionStatus.CLOSED) == ConnectionStatus.CLOSED) {
            return;
        }
        shutdown(reason);
        fire(ConnectionEvent.Type.CLOSED, reason);
    }

    /** The server announced its cluster's client URLs. I/O thread. */
    void discovered(List<String> connectUrls) {
        if (options.ignoreDiscoveredServers()) {
            return;
        }
        List<URI> added = reconnector.discovered(connectUrls);
        if (!added.isEmpty() && everConnected) {
            fire(ConnectionEvent.Type.SERVERS_DISCOVERED, added.toString());
        }
    }

    /** The server is going away: move to another one now, if there is one and the user wants it. */
    void lameDuck() {
        if (options.reconnect().enabled() && options.reconnect().lameDuckFailover() && reconnector.hasAlternative()) {
            inbound.leaveAfterPendingWrites("server entered lame duck mode");
        }
    }

    void fire(ConnectionEvent.Type type, String detail) {
        ConnectionEvent e = new ConnectionEvent(type, serverUrl, detail, Instant.now());
        Events.run(type.name(), () -> options.connectionListener().onEvent(e));
        for (ConnectionListener l : extraListeners) {
            Events.run(type.name(), () -> l.onEvent(e));
        }
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        extraListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeConnectionListener(ConnectionListener listener) {
        extraListeners.remove(listener);
    }

    void reportError(Throwable error) {
        inbound.countError();
        Events.run("error", () -> options.errorListener().onException(this, error));
    }

    void reportServerError(dev.relay.nats.ServerErrorException error) {
        inbound.countError();
        Events.run("server error", () -> options.errorListener().onServerError(this, error));
    }

    void slowConsumer(RealSubscription sub) {
        Events.run("slow consumer", () -> options.errorListener().onSlowConsumer(this, sub));
    }

    void handlerFailed(RealSubscription sub, Throwable error) {
        reportError(new NatsException("message handler of '" + sub.subject() + "' threw " + error, error));
    }

    // ---- publish ----

    @Override
    public void publish(String subject, byte[] data) {
        publish(subject, null, null, data);
    }

    @Override
    public void publish(String subject, String replyTo, byte[] data) {
        publish(subject, replyTo, null, data);
    }

    @Override
    public void publish(String subject, Headers headers, byte[] data) {
        publish(subject, null, headers, data);
    }

    @Override
    public void publish(String subject, String replyTo, Headers headers, byte[] data) {
        publish(subject, replyTo, headers, data, false);
    }

    /**
     * Publishes; with {@code writeThrough} the bytes go to the socket from this thread when the I/O side
     * is idle (see {@link OutboundBuffer#end(int, long, boolean)}), for a caller about to block on the answer.
     */
    void publish(String subject, String replyTo, Headers headers, byte[] data, boolean writeThrough) {
        publishing.publish(subject, replyTo, headers, data, writeThrough);
    }

    @Override
    public void publish(String subject, ByteBuffer data) {
        publishing.publish(subject, data);
    }

    @Override
    public void batch(java.util.function.Consumer<Publisher> body) {
        publishing.batch(body, batchPublisher);
    }

    private void handOverOpenBatch() {
        publishing.handOverOpenBatch();
    }

    // ---- subscribe ----

    @Override
    public Subscription subscribe(String subject) {
        return subscribe(subject, null, null, null);
    }

    @Override
    public Subscription subscribe(String subject, String queue) {
        if (queue == null) {
            throw new IllegalArgumentException("queue: must not be null");
        }
        return subscribe(subject, queue, null, null);
    }

    @Override
    public Subscription subscribe(String subject, MessageHandler handler) {
        return inLane(d -> d.subscribe(subject, handler));
    }

    @Override
    public Subscription subscribe(String subject, String queue, MessageHandler handler) {
        if (queue == null) {
            throw new IllegalArgumentException("queue: must not be null");
        }
        return inLane(d -> d.subscribe(subject, queue, handler));
    }

    /**
     * A lane of its own for one handler subscription: its handler sees its messages in order, and runs
     * concurrently with every other subscription's (as in nats.go), so one slow handler starves no other
     * subscription and handlers may request from each other. Explicit dispatchers keep one at a time.
     */
    private Subscription inLane(java.util.function.Function<RealDispatcher, Subscription> subscribe) {
        checkOpen();
        RealDispatcher d = new RealDispatcher(this, false, true);
        dispatchers.add(d);
        try {
            return subscribe.apply(d);
        } catch (RuntimeException e) {
            dispatcherClosed(d);
            throw e;
        }
    }

    @Override
    public Dispatcher createDispatcher() {
        checkOpen();
        RealDispatcher d = new RealDispatcher(this, false, false);
        dispatchers.add(d);
        return d;
    }

    @Override
    public Dispatcher createDispatcher(MessageHandler defaultHandler) {
        if (defaultHandler == null) {
            throw new IllegalArgumentException("defaultHandler: must not be null");
        }
        RealDispatcher d = (RealDispatcher) createDispatcher();
        d.defaultHandler(defaultHandler);
        return d;
    }

    @Override
    public Dispatcher createInlineDispatcher() {
        checkOpen();
        RealDispatcher d = new RealDispatcher(this, true, false);
        dispatchers.add(d);
        return d;
    }

    void dispatcherClosed(RealDispatcher d) {
        dispatchers.remove(d);
    }

    RealSubscription subscribe(String subject, String queue, RealDispatcher dispatcher, MessageHandler handler) {
        return subscribe(subject, queue, dispatcher, handler, dispatcher != null && dispatcher.isInline());
    }

    RealSubscription subscribeDirect(String subject, MessageHandler handler) {
        return subscribe(subject, null, null, handler, true);
    }

    private RealSubscription subscribe(String subject, String queue, RealDispatcher dispatcher,
                                       MessageHandler handler, boolean direct) {
        Subjects.checkSubscribe(subject, "subject");
        if (queue != null) {
            Subjects.checkQueue(queue);
        }
        if (direct && dispatcher == null) {
            // internal subscriptions (the request inbox) are also made while draining: handlers may
            // still send requests then
            checkNotClosed();
        } else {
            checkOpen();
        }
        handOverOpenBatch();
        RealSubscription sub = new RealSubscription(registry.nextSid(), subject, queue, this, dispatcher, handler, direct);
        registry.add(sub);
        boolean sent = false;
        try {
            ByteBuffer out = outbound.begin(ProtocolEncoder.subscribeBound(subject, queue), CONTROL_FRAME);
            try {
                ProtocolEncoder.subscribe(out, subject, queue, sub.sid());
                sent = true;
            } finally {
                outbound.end(0, 0);
            }
        } finally {
            if (!sent) {
                registry.remove(sub.sid());
            }
        }
        return sub;
    }

    /** Sends UNSUB (max 0 = at once, and forgets the sid). */
    void unsubscribe(RealSubscription sub, long max) {
        handOverOpenBatch();
        if (max == 0) {
            registry.remove(sub.sid());
        }
        if (outbound.isClosed()) {
            return;
        }
        try {
            ByteBuffer out = outbound.begin(ProtocolEncoder.UNSUBSCRIBE_BOUND, CONTROL_FRAME);
            try {
                ProtocolEncoder.unsubscribe(out, sub.sid(), max);
            } finally {
                outbound.end(0, 0);
            }
        } catch (ConnectionClosedException e) {
            // closed meanwhile: the server forgets the subscription with the connection
        }
    }

    /**
     * A permissions {@code -ERR} names a subject: fail what it belongs to. A denied subscription ends
     * (its {@code nextMessage} throws the error); requests to a denied subject fail at once instead of
     * timing out. I/O thread.
     */
    void denied(String subject, boolean subscription, dev.relay.nats.AuthorizationException error) {
        if (subscription) {
            for (RealSubscription s : registry.all()) {
                if (s.subject().equals(subject)) {
                    registry.remove(s.sid());
                    s.deny(error);
                }
            }
        } else {
            mux.failRequestsTo(subject, error);
        }
    }

    /** A dispatcher got messages in the current read batch: schedule it when the batch ends. I/O thread. */
    void dispatcherHasWork(RealDispatcher d) {
        inbound.scheduleAtReadEnd(d);
    }

    /** The server will send nothing more for this subscription. */
    void forget(RealSubscription sub) {
        registry.remove(sub.sid());
    }

    /**
     * Drains subscriptions: UNSUB each, then a PING; when the PONG arrives nothing more can come, and
     * each finishes once its pending messages are handled. When the link is lost before the PONG the
     * drain fails, and the subscriptions end all the same: they are forgotten (never restored after the
     * reconnect) and still deliver what they had accepted.
     */
    CompletableFuture<Void> drainSubscriptions(List<RealSubscription> subs) {
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        CompletableFuture<Void> confirmed;
        try {
            for (RealSubscription s : subs) {
                finished.add(s.beginDrain());
                unsubscribeKeepingSid(s);
            }
            confirmed = ping();
        } catch (NatsException e) {
            confirmed = CompletableFuture.failedFuture(e);
        }
        return confirmed.handle((v, e) -> {
            subs.forEach(RealSubscription::drainConfirmed);
            return e;
        }).thenCompose(e -> e != null ? CompletableFuture.<Void>failedFuture(Futures.unwrap(e))
            : CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)));
    }

    /**
     * How long the batch now with the transport has been waiting for the socket to take it. I/O thread.
     *
     * @return nanoseconds, or 0 when no batch is being written
     */
    long writeWaitingNanos() {
        long started = writeStartedNanos;
        return started == 0 ? 0 : Math.max(1, clock.nanoTime() - started);
    }

    /** The clock of this connection's timers. */
    Clock clock() {
        return clock;
    }

    /** Whether the calling thread is this connection's I/O thread. */
    boolean inIoThread() {
        var t = transport;
        return t != null && t.inIoThread();
    }

    /** Whether the calling thread runs a message handler of this connection right now. */
    private boolean runsHandlerHere() {
        if (inIoThread()) {
            return true;
        }
        for (RealDispatcher d : dispatchers) {
            if (d.runsHandlerHere()) {
                return true;
            }
        }
        return false;
    }

    private void unsubscribeKeepingSid(RealSubscription s) {
        ByteBuffer out = outbound.begin(ProtocolEncoder.UNSUBSCRIBE_BOUND, CONTROL_FRAME);
        try {
            ProtocolEncoder.unsubscribe(out, s.sid(), 0);
        } finally {
            outbound.end(0, 0);
        }
    }

    // ---- request / reply ----

    @Override
    public Message request(String subject, byte[] data, Duration timeout) {
        return request(subject, null, data, timeout);
    }

    @Override
    public Message request(String subject, Headers headers, byte[] data, Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("request()", "requestAsync(…)");
        // A lone blocking requester writes through (one system call instead of an I/O-thread wake-up).
        // With several threads waiting at once their requests batch instead: one system call each,
        // under the publishers' lock, halved the throughput of 1,000 virtual threads on one connection.
        boolean alone = blockingRequests.incrementAndGet() == 1;
        CompletableFuture<Message> f = null;
        try {
            f = mux.request(subject, headers, data == null ? badData() : data, nanos, alone);
            // inside a batch body the request would wait for the end of the batch
            handOverOpenBatch();
            // The mux's timer fails the future; the extra second only guards against a stalled I/O thread.
            return f.get(nanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Futures.rethrow(e.getCause());
        } catch (TimeoutException e) {
            mux.abandon(f);
            throw new NatsTimeoutException("no reply on '" + subject + "' within " + Durations.format(timeout));
        } catch (InterruptedException e) {
            mux.abandon(f);
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while waiting for a reply on '" + subject + "'", e);
        } finally {
            blockingRequests.decrementAndGet();
        }
    }

    private static byte[] badData() {
        throw new IllegalArgumentException("data: must not be null (use an empty array)");
    }

    @Override
    public CompletableFuture<Message> requestAsync(String subject, byte[] data) {
        return requestAsync(subject, null, data, options.requestTimeout());
    }

    @Override
    public CompletableFuture<Message> requestAsync(String subject, Headers headers, byte[] data, Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        return mux.request(subject, headers, data == null ? badData() : data, nanos, false);
    }

    @Override
    public Replies requestMany(String subject, Headers headers, byte[] data, RequestManyOptions options) {
        return RequestMany.iterate(this, subject, headers, data, options);
    }

    @Override
    public CompletableFuture<RequestManyEnd> requestMany(String subject, Headers headers, byte[] data,
                                                         RequestManyOptions options, ReplyHandler handler) {
        return RequestMany.withHandler(this, subject, headers, data, options, handler);
    }

    // ---- flush, drain, close ----

    /** Sends a PING; the future completes with the matching PONG. */
    CompletableFuture<Void> ping() {
        handOverOpenBatch();
        CompletableFuture<Void> f = new CompletableFuture<>();
        ByteBuffer out = outbound.begin(ProtocolEncoder.PING.length, CONTROL_FRAME);
        try {
            inbound.expectPong(f);
            outbound.notePing();
            pingsSent.incrementAndGet();
            out.put(ProtocolEncoder.PING);
        } finally {
            outbound.end(0, 0);
        }
        return f;
    }

    @Override
    public void flush(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("flush()", "flushAsync(…)");
        Futures.await(Futures.withTimeout(clock, ping(), nanos, "flush"), nanos, "flush");
    }

    @Override
    public CompletableFuture<Void> flushAsync(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        return Futures.withTimeout(clock, ping(), nanos, "flush");
    }

    @Override
    public void drain(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        Futures.refuseOnIoThread("drain()", "drainAsync(…)");
        CompletableFuture<Void> done = drainAsync(timeout);
        if (!done.isDone() && runsHandlerHere()) {
            throw new IllegalStateException("drain() was called from a message handler of this connection, "
                + "where it could only wait for that handler: the drain was started and finishes once the "
                + "handler returns; use drainAsync(timeout) there");
        }
        Futures.await(done, nanos, "draining the connection");
    }

    @Override
    public CompletableFuture<Void> drainAsync(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        if (!status.compareAndSet(ConnectionStatus.CONNECTED, ConnectionStatus.DRAINING)) {
            ConnectionStatus s = status.get();
            if (s == ConnectionStatus.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            if (s == ConnectionStatus.RECONNECTING) {
                // nothing can be delivered or flushed without a server: end now, failing what waits
                close();
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.failedFuture(
                new ConnectionClosedException("connection is " + s.name().toLowerCase() + "; cannot drain"));
        }
        dispatchers.forEach(RealDispatcher::connectionClosed);
        // The request inbox goes last, with the close: handlers of the others may still send requests.
        List<RealSubscription> subs = new ArrayList<>();
        for (RealSubscription s : registry.all()) {
            if (!mux.isInbox(s.subject())) {
                subs.add(s);
            }
        }
        CompletableFuture<Void> drained = drainSubscriptions(subs).thenCompose(v -> ping());
        return Futures.withTimeout(clock, drained, nanos, "draining the connection").whenComplete((v, e) -> close());
    }

    @Override
    public void close() {
        ConnectionStatus prev = status.getAndSet(ConnectionStatus.CLOSED);
        if (prev == ConnectionStatus.CLOSED) {
            return;
        }
        shutdown("connection closed");
        fire(ConnectionEvent.Type.CLOSED, "");
    }

    /** Stops everything: refuses new work, fails what waits, writes what is pending, closes the socket. */
    private void shutdown(String reason) {
        if (!shutDown.getAndSet(true)) {
            OPEN.decrementAndGet();
        }
        status.set(ConnectionStatus.CLOSED);
        reconnector.stop();
        outbound.close(reason);
        mux.closeAll(reason, false);
        inbound.failPongs(reason);
        for (RealSubscription s : registry.all()) {
            s.close(true);
        }
        dispatchers.forEach(RealDispatcher::connectionClosed);
        var t = transport;
        if (t != null && outbound.isConnected()) {
            t.execute(() -> inbound.closeAfterPendingWrites(reason));
            t.schedule(inbound::abandon, CLOSE_GRACE_NANOS);
        } else {
            inbound.abandon();
        }
    }

    private void checkNotClosed() {
        if (status.get() == ConnectionStatus.CLOSED) {
            throw new ConnectionClosedException("connection is closed");
        }
    }

    private void checkOpen() {
        ConnectionStatus s = status.get();
        if (s == ConnectionStatus.CLOSED || s == ConnectionStatus.DRAINING) {
            throw new ConnectionClosedException("connection is " + s.name().toLowerCase());
        }
    }

    // ---- state ----

    @Override
    public ConnectionStatus status() {
        return status.get();
    }

    @Override
    public java.util.Optional<String> connectedUrl() {
        return status.get() == ConnectionStatus.CONNECTED || status.get() == ConnectionStatus.DRAINING
            ? java.util.Optional.of(serverUrl) : java.util.Optional.empty();
    }

    @Override
    public List<String> servers() {
        return reconnector.servers();
    }

    @Override
    public Duration rtt() {
        Futures.refuseOnIoThread("rtt()", "flushAsync(…) and a clock of your own");
        long nanos = options.requestTimeout().toNanos();
        long start = clock.nanoTime();
        Futures.await(Futures.withTimeout(clock, ping(), nanos, "round trip"), nanos, "round trip");
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    @Override
    public void forceReconnect() {
        if (!options.reconnect().enabled()) {
            throw new IllegalStateException("forceReconnect(): reconnecting is turned off for this connection");
        }
        ConnectionStatus s = status.get();
        if (s == ConnectionStatus.CLOSED || s == ConnectionStatus.DRAINING) {
            throw new ConnectionClosedException("connection is " + s.name().toLowerCase());
        }
        var t = transport;
        if (t != null) {
            t.execute(() -> inbound.closeAfterPendingWrites("reconnect forced by the application"));
        }
    }

    @Override
    public ServerInfo serverInfo() {
        return inbound.serverInfo();
    }

    @Override
    public Statistics statistics() {
        return totals().minus(statisticsBase);
    }

    @Override
    public long pendingOutboundBytes() {
        return outbound.pendingBytes();
    }

    @Override
    public long discardPendingOutbound() {
        long before = outbound.pendingBytes();
        // while disconnected every PING still to be answered is among the kept bytes: fail them all
        List<CompletableFuture<Void>> lost = outbound.discardKept(kept -> inbound.takeSentPongs(0));
        for (CompletableFuture<Void> f : lost) {
            f.completeExceptionally(new ConnectionException("its PING was discarded with the pending outbound bytes"));
        }
        return before;
    }

    @Override
    public void resetStatistics() {
        statisticsBase = totals();
    }

    private Statistics totals() {
        long[] out = outbound.counters();
        return new Statistics(inbound.inMessages(), inbound.inBytes(), out[0], out[1], mux.requests(),
            mux.replies(), inbound.dropped(), inbound.errors(), reconnects.get(), out[2], pingsSent.get(),
            inbound.pongs(), inbound.oks(), mux.lateReplies());
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public String newInbox() {
        return options.inboxPrefix() + "." + Nuid.next();
    }
    static long positiveNanos(Duration d, String name) {
        if (d == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": must be positive, got " + Durations.format(d));
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "Connection{" + serverUrl + ", " + status.get() + ", client " + Nats.VERSION + "}";
    }
}
