package dev.relay.nats.internal.connection;

import dev.relay.nats.AuthorizationException;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.Headers;
import dev.relay.nats.Nats;
import dev.relay.nats.NatsException;
import dev.relay.nats.Options;
import dev.relay.nats.ProtocolException;
import dev.relay.nats.ServerErrorException;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.internal.protocol.HeadersCodec;
import dev.relay.nats.internal.protocol.JsonCodec;
import dev.relay.nats.internal.protocol.ProtocolEncoder;
import dev.relay.nats.internal.protocol.ProtocolHandler;
import dev.relay.nats.internal.protocol.ProtocolParser;
import dev.relay.nats.internal.transport.NettyTransport;
import dev.relay.nats.internal.transport.Transport;
import dev.relay.nats.internal.transport.TransportListener;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What arrives from the server, for one {@link RealConnection}: the INFO / CONNECT / PING-PONG
 * handshake, MSG and HMSG turned into messages for their subscriptions, PONGs matched to flushes in
 * order, {@code -ERR}s mapped to exceptions, and the inbound counters. Its callbacks run on the I/O
 * thread; {@link #handshake} runs on the connecting thread.
 */
final class Inbound implements ProtocolHandler, TransportListener {
    private static final int MAX_FRAME = 64 * 1024 * 1024 + 64 * 1024;
    private static final ServerInfo NONE = new ServerInfo("", "", "", "", 0, 0, 1024 * 1024, true, false,
        false, false, 0, "", "", "", List.of(), false);

    private final RealConnection connection;
    private final Options options;
    private final ProtocolParser parser;
    private final Queue<CompletableFuture<Void>> pongs = new ConcurrentLinkedQueue<>();
    private volatile ServerInfo info = NONE;
    private volatile CompletableFuture<Void> handshake = CompletableFuture.completedFuture(null);
    private URI server;
    // I/O thread only
    private boolean connectSent;
    private boolean handshakeDone;
    private boolean closeAfterWrite;
    private String lastError;
    private long inMessages;
    private long inBytes;
    private List<String> knownUrls = List.of();
    // published for other threads
    private final AtomicLong inMessagesShared = new AtomicLong();
    private final AtomicLong inBytesShared = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    Inbound(RealConnection connection, Options options) {
        this.connection = connection;
        this.options = options;
        this.parser = new ProtocolParser(this, options.maxControlLine(), MAX_FRAME);
    }

    /** Opens the socket and completes INFO → CONNECT + PING → PONG, blocking the caller. */
    void handshake(URI uri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = "nats://" + uri.getHost() + ":" + uri.getPort();
        CompletableFuture<Void> done = new CompletableFuture<>();
        server = uri;
        handshake = done;
        Transport t;
        try {
            t = NettyTransport.connect(uri.getHost(), uri.getPort(), timeout, this)
                .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new ConnectionException("cannot connect to " + url + ": " + describe(c)
                + " (is a NATS server running there?)", c);
        } catch (TimeoutException e) {
            throw new ConnectionException("cannot connect to " + url + ": no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while connecting to " + url, e);
        }
        try {
            done.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            t.close();
            throw new ConnectionException("no NATS handshake from " + url + " within " + timeout
                + " (is it a NATS server?)");
        } catch (ExecutionException e) {
            t.close();
            Throwable c = e.getCause();
            throw c instanceof NatsException ne ? ne : new ConnectionException("handshake with " + url + " failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.close();
            throw new ConnectionException("interrupted while connecting to " + url, e);
        }
    }

    private static String describe(Throwable c) {
        String m = c.getMessage();
        if (m == null) {
            return c.getClass().getSimpleName();
        }
        int colon = m.indexOf(": ");
        // Netty prefixes "connection refused" with the address; keep the reason only.
        return colon > 0 && m.toLowerCase().contains("connection refused") ? "connection refused" : m;
    }

    // ---- TransportListener ----

    @Override
    public void onOpen(Transport transport) {
        parser.reset();
        connectSent = false;
        handshakeDone = false;
        closeAfterWrite = false;
        lastError = null;
        connection.transport = transport;
    }

    @Override
    public void onRead(ByteBuffer data) {
        parser.feed(data);
    }

    @Override
    public void onReadComplete() {
        inMessagesShared.lazySet(inMessages);
        inBytesShared.lazySet(inBytes);
    }

    @Override
    public void onClosed(Throwable cause) {
        onReadComplete();
        CompletableFuture<Void> h = handshake;
        if (!h.isDone()) {
            String why = lastError != null ? "the server said '" + lastError + "' and closed the connection"
                : cause != null ? describe(cause) : "the server closed the connection";
            h.completeExceptionally(cause instanceof NatsException ne ? ne
                : new ConnectionException("handshake with " + server + " failed: " + why, cause));
            return;
        }
        String reason = cause != null ? describe(cause)
            : lastError != null ? "server error '" + lastError + "'" : "closed by the server";
        connection.lost(reason, cause instanceof ProtocolException ? cause : null);
    }

    // ---- ProtocolHandler ----

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
        String reply = replyOff < 0 ? null : ascii(buf, replyOff, replyLen);
        Headers headers = headerLen > 0 ? HeadersCodec.decode(buf, payloadOff, headerLen, 0) : null;
        byte[] data = new byte[totalLen - headerLen];
        buf.get(payloadOff + headerLen, data);
        if (!sub.offer(new RealMessage(subject, reply, headers, data, sub))) {
            dropped.incrementAndGet();
        }
    }

    private static String ascii(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void onInfo(String json) {
        ServerInfo si = JsonCodec.parseInfo(json);
        info = si;
        connection.serverInfo(si);
        if (!connectSent) {
            if (si.tlsRequired()) {
                handshake.completeExceptionally(new ConnectionException("server " + server
                    + " requires TLS, which this client version does not support yet"));
                return;
            }
            sendConnect();
            connectSent = true;
            return;
        }
        if (si.lameDuckMode()) {
            connection.fire(ConnectionEvent.Type.LAME_DUCK, "server " + si.serverName() + " will shut down");
        }
        if (!si.connectUrls().isEmpty() && !si.connectUrls().equals(knownUrls)) {
            boolean first = knownUrls.isEmpty();
            knownUrls = si.connectUrls();
            if (!first) {
                connection.fire(ConnectionEvent.Type.SERVERS_DISCOVERED, String.join(",", knownUrls));
            }
        }
    }

    private void sendConnect() {
        String user = options.user().orElse(null);
        String pass = options.password().orElse(null);
        String token = options.token().orElse(null);
        String userInfo = server.getUserInfo();
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
            Nats.VERSION, options.echo(), options.pedantic(), false, user, pass, token));
        OutboundBuffer out = connection.outbound();
        ByteBuffer b = out.begin(json.length + 16 + ProtocolEncoder.PING.length, -1);
        try {
            ProtocolEncoder.connect(b, json);
            b.put(ProtocolEncoder.PING);
        } finally {
            out.end(0, 0);
        }
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
        if (!handshakeDone) {
            handshakeDone = true;
            handshake.complete(null);
            return;
        }
        CompletableFuture<Void> f = pongs.poll();
        if (f != null) {
            f.complete(null);
        }
    }

    @Override
    public void onOk() {
        // verbose mode is off; a stray +OK needs nothing
    }

    @Override
    public void onErr(String message) {
        lastError = message;
        ServerErrorException e = ServerErrors.map(message);
        if (!handshakeDone) {
            handshake.completeExceptionally(e);
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

    /** Registers a flush; called under the outbound lock right before the PING is written. */
    void expectPong(CompletableFuture<Void> f) {
        pongs.add(f);
    }

    void failPongs(String reason) {
        CompletableFuture<Void> f;
        while ((f = pongs.poll()) != null) {
            f.completeExceptionally(new ConnectionClosedException(reason));
        }
    }

    /** Writes what is pending, then closes the transport. I/O thread. */
    void closeAfterPendingWrites(Transport t) {
        OutboundBuffer out = connection.outbound();
        out.drain();
        if (out.isWriting()) {
            closeAfterWrite = true;
        } else {
            t.close();
        }
    }

    /** A batch was written. I/O thread. */
    void afterWrite() {
        if (closeAfterWrite && !connection.outbound().isWriting()) {
            connection.transport.close();
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
}
