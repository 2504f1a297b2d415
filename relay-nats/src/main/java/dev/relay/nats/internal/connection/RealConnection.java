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
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Options;
import dev.relay.nats.PayloadTooLargeException;
import dev.relay.nats.Publisher;
import dev.relay.nats.Replies;
import dev.relay.nats.ReplyHandler;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.Statistics;
import dev.relay.nats.Subscription;
import dev.relay.nats.internal.protocol.Durations;
import dev.relay.nats.internal.protocol.HeadersCodec;
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
    private volatile RealDispatcher defaultDispatcher;
    private volatile String serverUrl = "";
    private final List<ConnectionListener> extraListeners = new CopyOnWriteArrayList<>();
    /** Set on the I/O thread before the first read (see {@link Inbound#onOpen}). */
    volatile dev.relay.nats.internal.transport.Transport transport;
    private volatile long maxPayload = 1024 * 1024;
    private volatile boolean headersSupported = true;
    /** Control frames (SUB, UNSUB, PING) are tiny and never wait or fail for room: they may pass the bound. */
    private static final long CONTROL_FRAME = -1;
    private final long publishWaitNanos;
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
    /** Batches open on this connection, so publishes look for their thread's batch only while any is. */
    private final AtomicInteger openBatches = new AtomicInteger();
    private final ThreadLocal<PublishBatch> openBatch = new ThreadLocal<>();
    /** A finished batch's buffer, kept for the thread's next batch. */
    private static final ThreadLocal<PublishBatch> SPARE_BATCH = new ThreadLocal<>();

    private RealConnection(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.publishWaitNanos = options.maxPublishWait().toNanos();
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
            public void write(ByteBuffer batch) {
                transport.write(batch, ok -> {
                    RealConnection.this.outbound.written(batch);
                    RealConnection.this.inbound.afterWrite();
                });
            }
        });
        this.inbound = new Inbound(this, options);
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
        this.reconnector = new Reconnector(this, inbound, options);
    }

    /**
     * Connects to the first server of the options that answers, blocking until connected.
     *
     * @param options the options
     * @return the connected connection
     */
    public static RealConnection connect(Options options) {
        Objects.requireNonNull(options, "options");
        RealConnection c = new RealConnection(options, Clock.SYSTEM);
        c.start();
        return c;
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
        maxPayload = info.maxPayload();
        headersSupported = info.headers();
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
        List<URI> added = reconnector.discovered(connectUrls);
        if (!added.isEmpty() && everConnected) {
            fire(ConnectionEvent.Type.SERVERS_DISCOVERED, added.toString());
        }
    }

    /** The server is going away: move to another one now, if there is one and the user wants it. */
    void lameDuck() {
        if (options.reconnect().enabled() && options.reconnect().lameDuckFailover() && reconnector.hasAlternative()) {
            inbound.closeAfterPendingWrites("server entered lame duck mode");
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
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null (use an empty array)");
        }
        byte[] subjectBytes = checkedSubject(subject);
        if (replyTo != null) {
            Subjects.checkPublish(replyTo, "replyTo");
        }
        byte[] hdr = encodeHeaders(headers);
        int hlen = hdr == null ? 0 : hdr.length;
        checkPayload(subject, hlen + (long) data.length);
        if (openBatches.get() != 0) {
            PublishBatch b = openBatch.get();
            if (b != null) {
                if (b.add(subjectBytes, subject, replyTo, hdr, data)) {
                    b.handOver(outbound, waitNanos());
                }
                return;
            }
        }
        ByteBuffer out = outbound.begin(ProtocolEncoder.publishBound(subject, replyTo, hlen, data.length), waitNanos());
        int mark = out.position();
        int count = 0;
        try {
            if (subjectBytes != null) {
                ProtocolEncoder.publish(out, subjectBytes, replyTo, hdr, data, 0, data.length);
            } else {
                ProtocolEncoder.publish(out, subject, replyTo, hdr, data, 0, data.length);
            }
            count = 1;
        } finally {
            if (count == 0) {
                out.position(mark);
            }
            outbound.end(count, count == 0 ? 0 : hlen + data.length, writeThrough);
        }
    }

    @Override
    public void publish(String subject, ByteBuffer data) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null");
        }
        Subjects.checkPublish(subject, "subject");
        handOverOpenBatch();
        int len = data.remaining();
        checkPayload(subject, len);
        ByteBuffer out = outbound.begin(ProtocolEncoder.publishBound(subject, null, 0, len), waitNanos());
        int mark = out.position();
        int count = 0;
        try {
            ProtocolEncoder.publish(out, subject, null, null, data);
            count = 1;
        } finally {
            if (count == 0) {
                out.position(mark);
            }
            outbound.end(count, count == 0 ? 0 : len);
        }
    }

    @Override
    public void batch(java.util.function.Consumer<Publisher> body) {
        Objects.requireNonNull(body, "body");
        if (outbound.isClosed()) {
            throw new ConnectionClosedException("connection is closed");
        }
        if (openBatch.get() != null) {
            // nested on the same thread: one batch
            body.accept(batchPublisher);
            return;
        }
        PublishBatch b = SPARE_BATCH.get();
        SPARE_BATCH.remove();
        if (b == null) {
            b = new PublishBatch();
        }
        openBatch.set(b);
        openBatches.incrementAndGet();
        boolean bodyDone = false;
        try {
            body.accept(batchPublisher);
            bodyDone = true;
        } finally {
            openBatches.decrementAndGet();
            openBatch.remove();
            try {
                b.handOver(outbound, waitNanos());
            } catch (RuntimeException e) {
                if (bodyDone) {
                    throw e;
                }
                // the body's own exception says more; keep it
            }
            SPARE_BATCH.set(b);
        }
    }

    /**
     * Hands the calling thread's open batch over before an operation that must come after it on the
     * wire (a PING, SUB, UNSUB or a blocking request made inside the batch body).
     */
    private void handOverOpenBatch() {
        if (openBatches.get() != 0) {
            PublishBatch b = openBatch.get();
            if (b != null) {
                b.handOver(outbound, waitNanos());
            }
        }
    }

    /** A published subject already checked, with its UTF-8 bytes. Immutable, so safe to share racily. */
    private static final class CheckedSubject {
        final String subject;
        final byte[] bytes;

        CheckedSubject(String subject) {
            this.subject = subject;
            this.bytes = subject.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The last subject checked and encoded; read and replaced without locking (final fields). */
    private CheckedSubject lastChecked;
    /** The subject seen before: a subject becomes cached when it comes twice in a row. */
    private String previousSubject;

    /**
     * Checks a subject to publish to. A subject that repeats (the usual publishing loop) is checked
     * and encoded once and then served as bytes; a new one is checked each time and encoded by the
     * caller, so varying subjects allocate nothing here either.
     *
     * @return the subject's bytes when cached, else null
     * @throws dev.relay.nats.InvalidSubjectException if the subject breaks the rules
     */
    private byte[] checkedSubject(String subject) {
        CheckedSubject c = lastChecked;
        if (c != null && (c.subject == subject || c.subject.equals(subject))) {
            return c.bytes;
        }
        Subjects.checkPublish(subject, "subject");
        String previous = previousSubject;
        previousSubject = subject;
        if (previous != null && previous.equals(subject)) {
            c = new CheckedSubject(subject);
            lastChecked = c;
            return c.bytes;
        }
        return null;
    }

    /**
     * How long a writer may wait for outbound room: the I/O thread (inline handlers, control frames)
     * never waits, since only it can make room; it grows the buffer past the bound instead.
     */
    private long waitNanos() {
        var t = transport;
        return t != null && t.inIoThread() ? -1 : publishWaitNanos;
    }

    private byte[] encodeHeaders(Headers headers) {
        if (headers == null || (headers.isEmpty() && !headers.hasStatus())) {
            return null;
        }
        if (!headersSupported) {
            throw new NatsException("the server does not support headers (INFO headers=false)");
        }
        return HeadersCodec.encode(headers);
    }

    private void checkPayload(String subject, long size) {
        long max = maxPayload;
        if (size > max) {
            throw new PayloadTooLargeException("message to '" + subject + "' is " + size
                + " bytes (headers included), over the server's max_payload of " + max + " bytes");
        }
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
        return dispatcher().subscribe(subject, handler);
    }

    @Override
    public Subscription subscribe(String subject, String queue, MessageHandler handler) {
        if (queue == null) {
            throw new IllegalArgumentException("queue: must not be null");
        }
        return dispatcher().subscribe(subject, queue, handler);
    }

    private RealDispatcher dispatcher() {
        RealDispatcher d = defaultDispatcher;
        if (d == null) {
            lifecycle.lock();
            try {
                d = defaultDispatcher;
                if (d == null) {
                    d = (RealDispatcher) createDispatcher();
                    defaultDispatcher = d;
                }
            } finally {
                lifecycle.unlock();
            }
        }
        return d;
    }

    @Override
    public Dispatcher createDispatcher() {
        checkOpen();
        RealDispatcher d = new RealDispatcher(this, false);
        dispatchers.add(d);
        return d;
    }

    @Override
    public Dispatcher createInlineDispatcher() {
        checkOpen();
        RealDispatcher d = new RealDispatcher(this, true);
        dispatchers.add(d);
        return d;
    }

    void dispatcherClosed(RealDispatcher d) {
        dispatchers.remove(d);
        if (defaultDispatcher == d) {
            defaultDispatcher = null;
        }
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
        }).thenCompose(e -> e != null ? CompletableFuture.<Void>failedFuture(unwrap(e))
            : CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)));
    }

    /**
     * A future that fails with a {@link NatsTimeoutException} when {@code f} has not completed within
     * {@code nanos} on this connection's clock, else completes as {@code f} did.
     */
    CompletableFuture<Void> withTimeout(CompletableFuture<Void> f, long nanos, String what) {
        CompletableFuture<Void> r = new CompletableFuture<>();
        Runnable cancel = clock.schedule(() -> r.completeExceptionally(
            new NatsTimeoutException(what + " did not finish within " + Durations.formatNanos(nanos))), nanos);
        f.whenComplete((v, e) -> {
            cancel.run();
            if (e != null) {
                r.completeExceptionally(unwrap(e));
            } else {
                r.complete(null);
            }
        });
        return r;
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Waits for a future whose own timeout (see {@link #withTimeout}) makes it fail in time; the extra
     * second only guards against a stalled timer. Rethrows its failure with the caller's stack.
     */
    static void await(CompletableFuture<Void> f, long nanos, String what) {
        try {
            f.get(nanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NatsTimeoutException(what + " did not finish within " + Durations.formatNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw rethrow(unwrap(e.getCause()));
        }
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
            throw rethrow(e.getCause());
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

    /** Rethrows a future's failure as a fresh exception of the same kind, with this thread's stack. */
    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof NatsTimeoutException) {
            return new NatsTimeoutException(cause.getMessage(), cause);
        }
        if (cause instanceof NoRespondersException) {
            return new NoRespondersException(cause.getMessage(), cause);
        }
        if (cause instanceof ConnectionClosedException) {
            return new ConnectionClosedException(cause.getMessage(), cause);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new NatsException(String.valueOf(cause), cause);
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
            out.put(ProtocolEncoder.PING);
        } finally {
            outbound.end(0, 0);
        }
        return f;
    }

    @Override
    public void flush(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        await(withTimeout(ping(), nanos, "flush"), nanos, "flush");
    }

    @Override
    public void drain(Duration timeout) {
        long nanos = positiveNanos(timeout, "timeout");
        CompletableFuture<Void> done = drainAsync(timeout);
        if (!done.isDone() && runsHandlerHere()) {
            throw new IllegalStateException("drain() was called from a message handler of this connection, "
                + "where it could only wait for that handler: the drain was started and finishes once the "
                + "handler returns; use drainAsync(timeout) there");
        }
        await(done, nanos, "draining the connection");
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
        return withTimeout(drained, nanos, "draining the connection").whenComplete((v, e) -> close());
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
    public ServerInfo serverInfo() {
        return inbound.serverInfo();
    }

    @Override
    public Statistics statistics() {
        long[] out = outbound.counters();
        return new Statistics(inbound.inMessages(), inbound.inBytes(), out[0], out[1], mux.requests(),
            mux.replies(), inbound.dropped(), inbound.errors(), reconnects.get(), out[2]);
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
            throw new IllegalArgumentException(name + ": must be positive, got " + d);
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
