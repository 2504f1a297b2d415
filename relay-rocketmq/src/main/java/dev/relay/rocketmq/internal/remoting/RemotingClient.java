package dev.relay.rocketmq.internal.remoting;

import dev.relay.rocketmq.ClientClosedException;
import dev.relay.rocketmq.RocketMqConnectionException;
import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.RocketMqTimeoutException;
import dev.relay.rocketmq.RpcHook;
import dev.relay.rocketmq.internal.protocol.RemotingCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.SerializeType;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends remoting requests over long-lived connections, one per server address, reused by every
 * request to that address and reopened on demand after a loss; matches responses to requests by
 * opaque. Runs its own Netty event loop (one thread, {@code relay-rmq-io-N}). Thread-safe.
 */
public final class RemotingClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemotingClient.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final List<RpcHook> hooks;
    private final RequestProcessor processor;
    private final Executor processorExecutor;
    private final SerializeType serializeType;
    private final Map<String, CompletableFuture<Channel>> channels = new ConcurrentHashMap<>();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger opaques = new AtomicInteger();
    private volatile boolean closed;

    /** A request waiting for its response. */
    private record Pending(String address, HookViews.Request view, CompletableFuture<RemotingCommand> future) {
    }

    /**
     * @param config what to connect with and who answers server requests
     */
    public RemotingClient(RemotingConfig config) {
        int id = CLIENTS.incrementAndGet();
        this.group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "relay-rmq-io-" + id);
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        this.ssl = config.useTls() ? TlsSettings.context(config.tlsTrustCertificate(), config.tlsTrustAll()) : null;
        this.hooks = List.copyOf(config.hooks());
        this.processor = config.processor();
        this.processorExecutor = config.processorExecutor();
        this.serializeType = config.serializeType();
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
    }

    /**
     * Sends a request and completes with its response (whatever its code). Fails with
     * {@link RocketMqTimeoutException} after the timeout, {@link RocketMqConnectionException} when the
     * address cannot be reached or the connection breaks first. Completes on the I/O thread.
     *
     * @param address the server's {@code host:port}
     * @param request the request (its opaque is assigned here)
     * @param timeout how long to wait for the response
     * @return the response future
     */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, Duration timeout) {
        CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        int opaque = opaques.incrementAndGet();
        request.opaque(opaque);
        byte[] frame;
        HookViews.Request view;
        try {
            checkOpen();
            view = beforeRequest(address, request);
            frame = RemotingCodec.encode(request, serializeType);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        pending.put(opaque, new Pending(address, view, future));
        var timer = group.schedule(() -> {
            if (pending.remove(opaque) != null) {
                future.completeExceptionally(new RocketMqTimeoutException("no response from " + address
                    + " to request code " + request.code() + " within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((r, e) -> timer.cancel(false));
        channel(address).whenComplete((ch, err) -> {
            if (err != null) {
                fail(opaque, unwrap(err));
                return;
            }
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(w -> {
                if (!w.isSuccess()) {
                    fail(opaque, new RocketMqConnectionException("cannot write to " + address + ": " + w.cause(), w.cause()));
                }
            });
        });
        return future;
    }

    /**
     * Sends a oneway request; completes once it is written (no response will come).
     *
     * @param address the server's {@code host:port}
     * @param request the request (marked oneway here)
     * @return completes when written, or fails with a connection error
     */
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        byte[] frame;
        try {
            checkOpen();
            request.opaque(opaques.incrementAndGet()).markOneway();
            beforeRequest(address, request);
            frame = RemotingCodec.encode(request, serializeType);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        channel(address).whenComplete((ch, err) -> {
            if (err != null) {
                written.completeExceptionally(unwrap(err));
                return;
            }
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(w -> {
                if (w.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(new RocketMqConnectionException("cannot write to " + address, w.cause()));
                }
            });
        });
        return written;
    }

    /**
     * Opens (or reuses) the connection to an address; for heartbeats that must register a channel.
     *
     * @param address {@code host:port}
     * @return completes with the connection
     */
    CompletableFuture<Channel> channel(String address) {
        CompletableFuture<Channel> existing = channels.get(address);
        if (existing != null && (!existing.isDone() || isUsable(existing))) {
            return existing;
        }
        CompletableFuture<Channel> fresh = new CompletableFuture<>();
        if (existing == null ? channels.putIfAbsent(address, fresh) != null : !channels.replace(address, existing, fresh)) {
            return channel(address); // another thread won the race: use (or replace) its entry
        }
        connect(address, fresh);
        return fresh;
    }

    /**
     * @param address {@code host:port}
     * @return whether an open connection to it exists right now
     */
    public boolean isConnected(String address) {
        CompletableFuture<Channel> f = channels.get(address);
        return f != null && isUsable(f);
    }

    /** @return the addresses with an open connection, for tests and diagnostics */
    public java.util.Set<String> connectedAddresses() {
        java.util.Set<String> open = new java.util.TreeSet<>();
        channels.forEach((a, f) -> {
            if (isUsable(f)) {
                open.add(a);
            }
        });
        return open;
    }

    /** Closes every connection and the event loop; fails what is pending with {@link ClientClosedException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.values().forEach(f -> f.thenAccept(Channel::close));
        channels.clear();
        pending.keySet().forEach(o -> fail(o, new ClientClosedException("client closed")));
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static boolean isUsable(CompletableFuture<Channel> f) {
        return f.isDone() && !f.isCompletedExceptionally() && f.join().isActive();
    }

    private void connect(String address, CompletableFuture<Channel> result) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        ChannelFuture cf = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), host, port));
                }
                ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(RemotingCodec.MAX_FRAME_BYTES, 0, 4, 0, 4));
                ch.pipeline().addLast("inbound", new InboundHandler(address, RemotingClient.this::onResponse,
                    RemotingClient.this::onRequest));
            }
        }).connect(new InetSocketAddress(host, port));
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                channels.remove(address, result);
                result.completeExceptionally(new RocketMqConnectionException("cannot connect to " + address + ": "
                    + f.cause().getMessage(), f.cause()));
                return;
            }
            Channel ch = cf.channel();
            ch.closeFuture().addListener(c -> onClosed(address, result, ch));
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls == null) {
                result.complete(ch);
                return;
            }
            // Hand out the connection only once TLS is up, so a refused certificate is reported as such.
            tls.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    result.complete(ch);
                } else {
                    channels.remove(address, result);
                    result.completeExceptionally(new RocketMqConnectionException("TLS handshake with " + address
                        + " failed: " + h.cause().getMessage(), h.cause()));
                }
            });
        });
    }

    private void onClosed(String address, CompletableFuture<Channel> entry, Channel ch) {
        channels.remove(address, entry);
        LOG.debug("connection to {} closed", address);
        pending.forEach((opaque, p) -> {
            if (p.address().equals(address)) {
                fail(opaque, new RocketMqConnectionException("connection to " + address + " closed"));
            }
        });
    }

    private void onResponse(RemotingCommand response) {
        Pending p = pending.remove(response.opaque());
        if (p == null) {
            LOG.debug("response for unknown or expired opaque {} dropped", response.opaque());
            return;
        }
        HookViews.Response view = new HookViews.Response(response);
        for (RpcHook hook : hooks) {
            try {
                hook.afterResponse(p.view(), view);
            } catch (RuntimeException e) {
                LOG.warn("RPC hook {} failed in afterResponse: {}", hook, e.toString());
            }
        }
        p.future().complete(response);
    }

    private void onRequest(String address, RemotingCommand request, Channel ch) {
        processorExecutor.execute(() -> {
            RemotingCommand response;
            try {
                response = processor.process(address, request);
            } catch (RuntimeException e) {
                LOG.warn("processing server request code {} from {} failed", request.code(), address, e);
                response = request.isOneway() ? null : RemotingCommand.responseTo(request, 1, e.toString());
            }
            if (response != null && !request.isOneway()) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(RemotingCodec.encode(response, serializeType)));
            }
        });
    }

    private HookViews.Request beforeRequest(String address, RemotingCommand request) {
        HookViews.Request view = new HookViews.Request(address, request);
        for (RpcHook hook : hooks) {
            hook.beforeRequest(view);
        }
        return view;
    }

    private void fail(int opaque, Throwable error) {
        Pending p = pending.remove(opaque);
        if (p != null) {
            p.future().completeExceptionally(error);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("client is shut down");
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof RocketMqException ? c : new RocketMqConnectionException(c.toString(), c);
    }
}
