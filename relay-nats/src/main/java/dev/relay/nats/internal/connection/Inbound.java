package dev.relay.nats.internal.connection;

import dev.relay.nats.Durations;
import dev.relay.nats.Auth;
import dev.relay.nats.AuthorizationException;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.Nats;
import dev.relay.nats.NatsException;
import dev.relay.nats.Options;
import dev.relay.nats.ServerErrorException;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.TlsException;
import dev.relay.nats.TlsOptions;
import dev.relay.nats.internal.protocol.HeadersCodec;
import dev.relay.nats.internal.protocol.JsonCodec;
import dev.relay.nats.internal.protocol.ProtocolEncoder;
import dev.relay.nats.internal.protocol.ProtocolHandler;
import dev.relay.nats.internal.protocol.ProtocolParser;
import dev.relay.nats.internal.transport.Connector;
import dev.relay.nats.internal.transport.Transport;
import dev.relay.nats.internal.transport.TransportListener;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What arrives from the server, for one {@link RealConnection}: each connection attempt (a
 * {@link Link}) with its INFO → CONNECT + PING → PONG handshake, the subscriptions restored after a
 * reconnect, MSG and HMSG turned into messages, PONGs matched to flushes in order, client PINGs for
 * stale-connection detection, {@code -ERR}s mapped to exceptions, and the inbound counters. Callbacks
 * run on the I/O thread of the current link; callbacks of a superseded link are ignored.
 *
 * <p>Longer than the house's 600 lines: the handshake (with its deadline, TLS upgrade and nonce signing)
 * still lives here beside the steady-state handling, and the link-leaving paths (close after writes,
 * lame-duck half-close, write timeout) share its per-link state. The way down is to extract the
 * handshake into a class of its own, as the structure issue plans.
 */
final class Inbound implements ProtocolHandler {
    private static final int MAX_FRAME = 64 * 1024 * 1024 + 64 * 1024;
    /** How long a server left in lame duck mode may take to close after the client's half-close. */
    private static final long LEAVE_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    private static final ServerInfo NONE = new ServerInfo("", "", "", "", 0, 0, 1024 * 1024, true, false,
        false, false, false, 0, "", "", "", List.of(), false);

    private final RealConnection connection;
    private final Options options;
    /** Timers before a link is open (its own I/O thread's after). */
    private final Clock clock;
    private final Connector connector;
    private final ProtocolParser parser;
    private final Deque<CompletableFuture<Void>> pongs = new ConcurrentLinkedDeque<>();
    private final PingKeeper keeper;
    private volatile ServerInfo info = NONE;
    private volatile Link link;
    // I/O thread of the current link only
    private boolean connectSent;
    private boolean handshakeDone;
    private boolean closeAfterWrite;
    /** With {@link #closeAfterWrite}: end only the sending side and read until the server closes. */
    private boolean halfCloseAfterWrite;
    private String lastError;
    private String closeReason;
    private Auth.Proof sentProof;
    private long inMessages;
    private long inBytes;
    private final java.util.ArrayList<RealDispatcher> dispatchersWithWork = new java.util.ArrayList<>();
    // published for other threads
    private final AtomicLong inMessagesShared = new AtomicLong();
    private final AtomicLong inBytesShared = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Written by the I/O thread only, read by any. */
    private final AtomicLong pongsIn = new AtomicLong();
    private final AtomicLong oksIn = new AtomicLong();

    Inbound(RealConnection connection, Options options, Clock clock, Connector connector) {
        this.connection = connection;
        this.options = options;
        this.clock = clock;
        this.connector = connector;
        this.parser = new ProtocolParser(this, options.maxControlLine(), MAX_FRAME);
        this.keeper = new PingKeeper(options.maxPingsOut());
    }

    /**
     * Starts one connection attempt: socket, INFO, CONNECT + PING, PONG, then (after a reconnect) the
     * subscriptions again, then the bytes kept while disconnected. Never blocks.
     *
     * @param uri the server
     * @param timeout for socket and handshake together
     * @param restore whether to send the subscriptions again
     * @return completes when the connection is usable, or fails with why it is not
     */
    CompletableFuture<Void> open(URI uri, Duration timeout, boolean restore) {
        Link l = new Link(uri, restore, TlsUpgrade.settingsFor(options, uri));
        link = l;
        String url = l.url;
        l.timeout = timeout;
        l.deadlineAtNanos = System.nanoTime() + timeout.toNanos();
        l.deadline = clock.schedule(l::timedOut, timeout.toNanos());
        CompletableFuture<Transport> opening;
        if (l.unix) {
            opening = connector.unix(Path.of(uri.getPath()), timeout, l);
        } else {
            boolean first = l.tls != null && l.tls.handshakeFirst();
            if (first) {
                l.startTlsTimer();
            }
            opening = connector.tcp(uri.getHost(), uri.getPort(), timeout, l,
                first ? TlsUpgrade.engine(l.tls, uri) : null, options.tcpKeepAlive().orElse(null));
        }
        opening.whenComplete((t, e) -> {
            if (e != null) {
                l.fail(new ConnectionException("cannot connect to " + url + ": " + describe(e)
                    + (l.unix ? " (is a NATS server or relay listening on that socket?)"
                        : " (is a NATS server running there?)"), e));
            }
        });
        return l.done;
    }

    /** @return how the current attempt names its server ({@code tls://…}, {@code unix://…}), or "" */
    String currentUrl() {
        Link l = link;
        return l == null ? "" : l.url;
    }

    /**
     * Gives up the current attempt or connection and closes its socket: its callbacks are ignored from
     * now on. Also the forced end of a close whose pending writes did not finish within the grace.
     */
    void abandon() {
        Link l = link;
        link = null;
        if (l != null) {
            l.fail(new ConnectionClosedException("connection closed"));
            // fail() acts only on an attempt still under way; a connected link must be closed here, or
            // its socket would stay open for good (nothing closes it once it is no longer current)
            Transport t = l.transport;
            if (t != null) {
                t.close();
            }
        }
    }

    static String describe(Throwable c) {
        String m = c.getMessage();
        if (m == null) {
            return c.getClass().getSimpleName();
        }
        // Netty prefixes "connection refused" with the address; keep the reason only.
        return m.toLowerCase().contains("connection refused") ? "connection refused" : m;
    }

    /** One connection attempt and, once its handshake is done, the connection it became. */
    private final class Link implements TransportListener {
        final URI uri;
        final String url;
        final boolean restore;
        final boolean unix;
        final TlsOptions tls;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /**
         * Set by whichever side settles the attempt first: the PONG that completes the handshake (I/O
         * thread) or a failure such as the deadline (timer thread). The loser does nothing, so a link
         * is never both resumed and failed.
         */
        final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Transport transport;
        volatile Runnable deadline = () -> { };
        volatile Runnable tlsDeadline = () -> { };
        volatile boolean tlsUnderWay;
        volatile Duration timeout;
        volatile long deadlineAtNanos;

        /** The handshake deadline came: the attempt fails, saying how far it got. */
        void timedOut() {
            fail(tlsUnderWay ? tlsTimedOut(timeout) : handshakeTimedOut(timeout));
        }

        /** How far the handshake got, for a deadline's message: what was seen, not a guess. */
        volatile boolean tcpOpen;
        volatile boolean infoSeen;
        volatile boolean connectWritten;

        Link(URI uri, boolean restore, TlsOptions tls) {
            this.uri = uri;
            this.unix = "unix".equalsIgnoreCase(uri.getScheme());
            this.tls = unix ? null : tls;
            this.url = ServerPool.display(uri, this.tls != null);
            this.restore = restore;
        }

        /** Marks TLS under way and, when the settings limit the handshake, starts that limit. */
        void startTlsTimer() {
            tlsUnderWay = true;
            tls.handshakeTimeout().ifPresent(limit -> tlsDeadline = clock.schedule(
                () -> fail(tlsTimedOut(limit)), limit.toNanos()));
        }

        ConnectionException handshakeTimedOut(Duration limit) {
            String d = Durations.format(limit);
            String what;
            if (!tcpOpen) {
                what = "could not open a connection to " + url + " within " + d + " (the TCP connect did not finish)";
            } else if (!infoSeen) {
                what = "connected to " + url + ", but no INFO arrived within " + d
                    + " (what listens there said nothing: not a NATS server, or one too busy to greet)";
            } else if (!connectWritten) {
                what = url + " sent INFO, but CONNECT was not ready within " + d + " (signing the nonce took too long)";
            } else {
                what = url + " sent INFO but did not answer CONNECT and PING within " + d;
            }
            return new ConnectionException("no NATS handshake: " + what);
        }

        TlsException tlsTimedOut(Duration limit) {
            return new TlsException(TlsException.Reason.HANDSHAKE_TIMEOUT, "TLS handshake with " + url
                + " did not finish within " + Durations.format(limit), null);
        }

        void tlsDone() {
            tlsUnderWay = false;
            tlsDeadline.run();
        }

        boolean current() {
            return link == this;
        }

        void fail(NatsException e) {
            if (settled.compareAndSet(false, true) && done.completeExceptionally(e)) {
                deadline.run();
                tlsDeadline.run();
                Transport t = transport;
                if (t != null) {
                    t.close();
                }
            }
        }

        @Override
        public void onOpen(Transport t) {
            transport = t;
            tcpOpen = true;
            if (!current() || done.isDone()) {
                t.close();
                return;
            }
            // From now on the deadline runs on this link's own I/O thread, between its reads: it can no
            // longer fail the attempt (and let the next one begin) while this thread is handling the PONG.
            deadline.run();
            deadline = t.schedule(this::timedOut, Math.max(0, deadlineAtNanos - System.nanoTime()));
            parser.reset();
            connectSent = false;
            handshakeDone = false;
            closeAfterWrite = false;
            halfCloseAfterWrite = false;
            lastError = null;
            closeReason = null;
            keeper.reset();
            connection.transport = t;
        }

        @Override
        public void onRead(ByteBuffer data) {
            if (current()) {
                parser.feed(data);
            }
        }

        @Override
        public void onReadComplete() {
            inMessagesShared.lazySet(inMessages);
            inBytesShared.lazySet(inBytes);
            scheduleDispatchers();
        }

        @Override
        public void onClosed(Throwable cause) {
            deadline.run();
            tlsDeadline.run();
            if (!current()) {
                done.completeExceptionally(new ConnectionClosedException("connection attempt abandoned"));
                return;
            }
            onReadComplete();
            // A link whose handshake failed (refused credentials, timeout) was never connected: its
            // close only ends the attempt; the attempt's owner already has the reason.
            if (!done.isDone() || done.isCompletedExceptionally()) {
                TlsException tlsFailure = tls == null ? null
                    : TlsUpgrade.explain(url, cause, tls.handshakeFirst());
                if (tlsFailure != null) {
                    fail(tlsFailure);
                    return;
                }
                String why = lastError != null ? "the server said '" + lastError + "' and closed the connection"
                    : cause != null ? describe(cause) : "the server closed the connection";
                fail(cause instanceof NatsException ne ? ne
                    : new ConnectionException("handshake with " + url + " failed: " + why, cause));
                return;
            }
            String reason = closeReason != null ? closeReason
                : cause != null ? describe(cause)
                : lastError != null ? "server error '" + lastError + "'" : "closed by the server";
            connection.disconnected(uri, reason, cause);
        }
    }

    // ---- ProtocolHandler: called by the parser of the current link ----

    @Override
    public void onMsg(ByteBuffer buf, int subjectOff, int subjectLen, long sid, int replyOff, int replyLen,
                      int headerLen, int payloadOff, int totalLen) {
        inMessages++;
        inBytes += totalLen;
        RealSubscription sub = connection.registry().get(sid);
        if (sub == null) {
            return;
        }
        String subject = sub.subjectString(buf, subjectOff, subjectLen);
        String reply = replyOff < 0 ? null : utf8(buf, replyOff, replyLen);
        byte[] data = new byte[totalLen - headerLen];
        buf.get(payloadOff + headerLen, data);
        RealMessage m;
        if (headerLen > 0) {
            // The framing is sound; what one publisher put in its headers must not cost every other
            // subscriber its connection: deliver, and report the problem.
            HeadersCodec.Decoded d = HeadersCodec.decodeLenient(buf, payloadOff, headerLen);
            m = new RealMessage(subject, reply, d.headers(), d.raw(), d.problem(), data, sub);
            if (d.problem() != null) {
                sub.malformedHeaders(d.problem());
            }
        } else {
            m = new RealMessage(subject, reply, null, data, sub);
        }
        if (!sub.offer(m)) {
            dropped.incrementAndGet();
        }
    }

    private static String utf8(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void onInfo(String json) {
        ServerInfo si = JsonCodec.parseInfo(json);
        info = si;
        connection.serverInfo(si);
        Link l = link;
        if (l == null) {
            return;
        }
        l.infoSeen = true;
        if (!si.connectUrls().isEmpty()) {
            connection.discovered(si.connectUrls());
        }
        if (!connectSent) {
            if (l.tls == null && si.tlsRequired()) {
                l.fail(new TlsException(TlsException.Reason.TLS_REQUIRED_BY_SERVER, "server " + l.url
                    + " requires TLS, and none is configured for this connection: use a tls:// URL or "
                    + "Options.builder().tls(...) (--tlsca and friends in the relay command)", null));
                return;
            }
            if (l.tls != null && !l.tls.handshakeFirst()) {
                upgrade(l, si);
                return;
            }
            if (l.tls != null) {
                l.tlsDone();
            }
            connectSent = true;
            sendConnect(l);
            return;
        }
        if (si.lameDuckMode()) {
            connection.fire(ConnectionEvent.Type.LAME_DUCK, "server " + si.serverName() + " will shut down");
            connection.lameDuck();
        }
    }

    /** Starts TLS after the server's INFO, then sends CONNECT through it. */
    private void upgrade(Link l, ServerInfo si) {
        if (l.tlsUnderWay) {
            return;
        }
        if (!si.tlsRequired() && !si.tlsAvailable()) {
            l.fail(new TlsException(TlsException.Reason.TLS_NOT_OFFERED, "server " + l.url
                + " does not offer TLS, and this connection is configured for it: use a nats:// URL without "
                + "TLS options, or enable TLS on the server", null));
            return;
        }
        l.startTlsTimer();
        l.transport.startTls(TlsUpgrade.engine(l.tls, l.uri)).whenComplete((v, e) -> {
            if (e != null) {
                TlsException why = TlsUpgrade.explain(l.url, e, false);
                l.fail(why != null ? why : new TlsException(TlsException.Reason.OTHER, "TLS with " + l.url
                    + " failed: " + describe(e), e));
                return;
            }
            l.tlsDone();
            if (l.current() && !l.done.isDone()) {
                connectSent = true;
                sendConnect(l);
            }
        });
    }

    /**
     * CONNECT and PING go straight to the new transport, ahead of anything kept in the outbound buffer.
     * With an {@link Auth}, the nonce is signed off the I/O thread first: reading a {@code .creds} file
     * or running a user's callback must not stall an event loop that other connections share (the
     * handshake deadline still bounds it).
     */
    private void sendConnect(Link l) {
        if (options.auth().isEmpty()) {
            writeConnect(l, null);
            return;
        }
        ServerInfo si = info;
        AUTH_SIGNER.execute(() -> {
            Auth.Proof proof;
            try {
                proof = AuthProofs.prove(options, si, l.url);
            } catch (ConnectionException e) {
                l.fail(e);
                return;
            } catch (RuntimeException | Error e) {
                l.fail(new ConnectionException("cannot authenticate to " + l.url + ": " + e, e));
                return;
            }
            Transport t = l.transport;
            t.execute(() -> {
                if (l.current() && !l.done.isDone()) {
                    writeConnect(l, proof);
                }
            });
        });
    }

    /** Signs nonces for handshakes with an {@link Auth}; one daemon thread, ended when idle. */
    private static final java.util.concurrent.ThreadPoolExecutor AUTH_SIGNER = authSigner();

    private static java.util.concurrent.ThreadPoolExecutor authSigner() {
        java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(1, 1, 10,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "relay-nats-auth");
                t.setDaemon(true);
                return t;
            });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    private void writeConnect(Link l, Auth.Proof proof) {
        sentProof = proof;
        String user = options.user().orElse(null);
        String pass = options.password().orElse(null);
        String token = options.token().orElse(null);
        String userInfo = l.uri.getUserInfo();
        if (userInfo != null && user == null && token == null) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = userInfo.substring(0, colon);
                pass = userInfo.substring(colon + 1);
            } else {
                token = userInfo;
            }
        }
        byte[] json = JsonCodec.connect(new JsonCodec.ConnectFields(options.name().orElse(null), "java",
            Nats.VERSION, options.echo(), options.pedantic(), false, user, pass, token,
            proof == null ? null : proof.nkey().orElse(null), proof == null ? null : proof.jwt().orElse(null),
            proof == null ? null : proof.signature(), options.headers(), options.noResponders()));
        ByteBuffer b = ByteBuffer.allocate(json.length + 16 + ProtocolEncoder.PING.length);
        ProtocolEncoder.connect(b, json);
        b.put(ProtocolEncoder.PING).flip();
        l.connectWritten = true;
        l.transport.write(b, ok -> { });
    }

    /** SUB (and UNSUB with what is still to go) for every subscription, after a reconnect. */
    private int restoreSubscriptions(Transport t) {
        List<RealSubscription> subs = new java.util.ArrayList<>();
        for (RealSubscription s : connection.registry().all()) {
            // A drain ends interest for good: its confirmation (or its failure) ends it here too.
            if (!s.isDraining()) {
                subs.add(s);
            }
        }
        if (subs.isEmpty()) {
            return 0;
        }
        int size = 0;
        for (RealSubscription s : subs) {
            size += ProtocolEncoder.subscribeBound(s.subject(), s.queueOrNull()) + ProtocolEncoder.UNSUBSCRIBE_BOUND;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (RealSubscription s : subs) {
            ProtocolEncoder.subscribe(b, s.subject(), s.queueOrNull(), s.sid());
            long left = s.remainingBeforeAutoUnsubscribe();
            if (left > 0) {
                ProtocolEncoder.unsubscribe(b, s.sid(), left);
            }
        }
        b.flip();
        t.write(b, ok -> { });
        return subs.size();
    }

    @Override
    public void onPing() {
        OutboundBuffer out = connection.outbound();
        try {
            ByteBuffer b = out.begin(ProtocolEncoder.PONG.length, -1);
            try {
                b.put(ProtocolEncoder.PONG);
            } finally {
                out.end(0, 0);
            }
        } catch (ConnectionClosedException e) {
            // closing: no answer needed
        }
    }

    @Override
    public void onPong() {
        pongsIn.lazySet(pongsIn.get() + 1);
        keeper.onPong();
        Link l = link;
        if (!handshakeDone && l != null) {
            handshakeDone = true;
            if (!l.settled.compareAndSet(false, true)) {
                // the attempt failed meanwhile (its deadline): its transport is being closed
                return;
            }
            int restored = l.restore ? restoreSubscriptions(l.transport) : 0;
            connection.outbound().resume();
            schedulePing(l);
            scheduleWriteCheck(l);
            l.deadline.run();
            if (l.done.complete(null) && l.restore) {
                connection.fire(ConnectionEvent.Type.RESUBSCRIBED, restored + " subscriptions");
            }
            return;
        }
        CompletableFuture<Void> f = pongs.poll();
        if (f != null) {
            f.complete(null);
        }
    }

    /** Client PINGs every interval; too many unanswered and the link is closed as stale. */
    private void schedulePing(Link l) {
        long interval = options.pingInterval().toNanos();
        l.transport.schedule(() -> {
            if (link != l || !l.transport.isOpen()) {
                return;
            }
            if (keeper.onTick() == PingKeeper.Action.STALE) {
                closeReason = "stale connection: " + options.maxPingsOut() + " PINGs unanswered";
                l.transport.close();
                return;
            }
            try {
                connection.ping();
            } catch (NatsException e) {
                return;
            }
            schedulePing(l);
        }, interval);
    }

    /**
     * A server that stops reading must not hold a link for ever: the socket stays full, no batch is taken,
     * and publishers would wait at the outbound bound forever. When one batch has waited longer than the
     * socket write timeout, the link is closed and replaced like a lost one (what was not written is kept
     * for the next server, but for that batch). Checked on the link's own thread a few times per timeout.
     */
    private void scheduleWriteCheck(Link l) {
        Duration limit = options.socketWriteTimeout();
        if (limit.isZero()) {
            return;
        }
        long every = Math.max(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10), limit.toNanos() / 4);
        l.transport.schedule(() -> {
            if (link != l || !l.transport.isOpen()) {
                return;
            }
            if (connection.writeWaitingNanos() > limit.toNanos()) {
                closeReason = "write timed out: the server took no bytes for " + Durations.format(limit)
                    + " (socketWriteTimeout)";
                l.transport.close();
                return;
            }
            scheduleWriteCheck(l);
        }, every);
    }

    @Override
    public void onOk() {
        // verbose mode is off; a stray +OK needs nothing but counting
        oksIn.lazySet(oksIn.get() + 1);
    }

    @Override
    public void onErr(String message) {
        lastError = message;
        ServerErrorException e = ServerErrors.map(message);
        Link l = link;
        if (!handshakeDone && l != null) {
            l.fail(AuthProofs.explain(e, sentProof));
            return;
        }
        connection.reportServerError(e);
        if (e instanceof AuthorizationException denied) {
            String subject = ServerErrors.quotedSubject(message);
            if (subject != null) {
                connection.denied(subject, message.contains("Subscription"), denied);
            }
        }
    }

    // ---- for RealConnection ----

    /** Notes a dispatcher to schedule at the end of this read batch. I/O thread. */
    void scheduleAtReadEnd(RealDispatcher d) {
        dispatchersWithWork.add(d);
    }

    /** One wake-up per dispatcher per read batch. I/O thread. */
    private void scheduleDispatchers() {
        int n = dispatchersWithWork.size();
        for (int i = 0; i < n; i++) {
            dispatchersWithWork.get(i).schedule();
        }
        dispatchersWithWork.clear();
    }

    /** Registers a flush; called under the outbound lock right before the PING is written. */
    void expectPong(CompletableFuture<Void> f) {
        pongs.add(f);
    }

    /**
     * The link was lost: the PINGs already sent will never be answered, so their flushes are taken out
     * to fail; the last {@code keep} PINGs are still in the kept outbound bytes and will be answered
     * after the reconnect. Called under the outbound lock, where no PING can be added meanwhile (a PING
     * added between counting the kept ones and taking the lost ones shifted every later flush by one).
     *
     * @return the flushes to fail, oldest first; complete them outside the lock
     */
    List<CompletableFuture<Void>> takeSentPongs(int keep) {
        List<CompletableFuture<Void>> lost = new java.util.ArrayList<>();
        while (pongs.size() > keep) {
            CompletableFuture<Void> f = pongs.pollFirst();
            if (f == null) {
                break;
            }
            lost.add(f);
        }
        return lost;
    }

    void failPongs(String reason) {
        CompletableFuture<Void> f;
        while ((f = pongs.poll()) != null) {
            f.completeExceptionally(new ConnectionClosedException(reason));
        }
    }

    /** Writes what is pending, then closes the current link with a reason. Its I/O thread. */
    void closeAfterPendingWrites(String reason) {
        endAfterPendingWrites(reason, false);
    }

    /**
     * Leaves a server that is going away (lame duck): writes what is pending, then ends only the sending
     * side, and keeps reading until the server closes, so that what it sent before it saw the end (it
     * flushes to a client that closed cleanly) is still delivered. Closing at once discarded everything
     * still on its way in. The close grace bounds the wait. Its I/O thread.
     */
    void leaveAfterPendingWrites(String reason) {
        endAfterPendingWrites(reason, true);
    }

    private void endAfterPendingWrites(String reason, boolean half) {
        Link l = link;
        Transport t = l == null ? null : l.transport;
        if (t == null) {
            return;
        }
        closeReason = reason;
        OutboundBuffer out = connection.outbound();
        out.drain();
        // What is published from now on is kept for the next server instead of following onto a link
        // being closed (and, half-closed, refusing every write).
        out.hold();
        if (out.isWriting()) {
            closeAfterWrite = true;
            halfCloseAfterWrite = half;
        } else {
            end(t, half);
        }
    }

    private void end(Transport t, boolean half) {
        if (!half) {
            t.close();
            return;
        }
        t.shutdownOutput();
        t.schedule(t::close, LEAVE_GRACE_NANOS);
    }

    /** A batch was written. I/O thread. */
    void afterWrite() {
        Link l = link;
        if (closeAfterWrite && l != null && l.transport != null && !connection.outbound().isWriting()) {
            closeAfterWrite = false;
            end(l.transport, halfCloseAfterWrite);
        }
    }

    ServerInfo serverInfo() {
        return info;
    }

    void countError() {
        errors.incrementAndGet();
    }

    long inMessages() {
        return inMessagesShared.get();
    }

    long inBytes() {
        return inBytesShared.get();
    }

    long errors() {
        return errors.get();
    }

    long dropped() {
        return dropped.get();
    }

    long pongs() {
        return pongsIn.get();
    }

    long oks() {
        return oksIn.get();
    }
}
