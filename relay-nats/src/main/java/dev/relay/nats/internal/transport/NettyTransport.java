package dev.relay.nats.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * A {@link Transport} over a Netty TCP or Unix domain socket channel, with TLS when asked, on the shared
 * {@link EventLoops} group. Reads are
 * handed up in place (a view of Netty's read buffer); writes take a caller-owned direct buffer without
 * copying it. Thread-safe as the interface says.
 *
 * <p>Write-through and close: {@link #writeNow} writes to the socket's file descriptor from a caller's
 * thread. Were the descriptor closed meanwhile, its number could already belong to another socket of the
 * process (the next link, say), and the bytes would go there. So every close of the socket goes through
 * {@link #close()}, which first shuts write-through out under {@code writeGuard}: the channel is set up
 * with half-closure allowed and auto-close off, so Netty never closes it by itself on end of stream or
 * on a read or write error but tells this class (an input-shutdown event, an exception, a failed write),
 * and this class closes it. A write-through holds {@code writeGuard} around its check and its one
 * non-blocking system call, so a close waits at most for that call.
 */
public final class NettyTransport implements Transport {
    private static final String TLS = "tls";
    private final Channel channel;
    private final EventLoop loop;
    private final java.util.concurrent.locks.ReentrantLock writeGuard = new java.util.concurrent.locks.ReentrantLock();
    /** Set under writeGuard before the socket is closed; no write-through starts after. */
    private volatile boolean closing;
    /** Whether TLS is on: then every byte must go through the SslHandler on the I/O thread. */
    private volatile boolean tls;

    private NettyTransport(Channel channel) {
        this.channel = channel;
        this.loop = channel.eventLoop();
    }

    /**
     * Opens a TCP connection, optionally with TLS from the first byte.
     *
     * @param host server host
     * @param port server port
     * @param timeout socket connect timeout
     * @param listener receives reads and the close; attached before any byte is read
     * @param tlsFirst engine for a TLS handshake before anything else, or null for plain TCP
     * @param keepAliveIdle idle time before keepalive probes start (and between them), or null for the
     *     system's default (two hours on Linux)
     * @return completes with the open transport, or exceptionally with the connect failure
     */
    public static CompletableFuture<Transport> connect(String host, int port, Duration timeout,
                                                       TransportListener listener, SSLEngine tlsFirst,
                                                       Duration keepAliveIdle) {
        EventLoops.Holder h = EventLoops.get();
        Bootstrap b = bootstrap(h.channelClass(), timeout)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
        if (keepAliveIdle != null) {
            int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, keepAliveIdle.toSeconds()));
            if (h.kind().equals("epoll")) {
                b.option(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPIDLE, seconds)
                    .option(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPINTVL, seconds)
                    .option(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPCNT, 3);
            } else {
                b.option(io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE), seconds)
                    .option(io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL), seconds)
                    .option(io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT), 3);
            }
        }
        return open(b, new InetSocketAddress(host, port), listener, tlsFirst);
    }

    /**
     * Opens a Unix domain socket connection (epoll's native channel on Linux, else the JDK's).
     *
     * @param path the socket file
     * @param timeout connect timeout
     * @param listener receives reads and the close; attached before any byte is read
     * @return completes with the open transport, or exceptionally with the connect failure
     */
    public static CompletableFuture<Transport> connectUnix(Path path, Duration timeout, TransportListener listener) {
        EventLoops.Holder h = EventLoops.get();
        SocketAddress address = h.kind().equals("epoll") ? new DomainSocketAddress(path.toFile())
            : UnixDomainSocketAddress.of(path);
        return open(bootstrap(h.domainChannelClass(), timeout), address, listener, null);
    }

    private static Bootstrap bootstrap(Class<? extends Channel> channelClass, Duration timeout) {
        return new Bootstrap()
            .group(EventLoops.get().group())
            .channel(channelClass)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            // every close goes through close() (see the class comment)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.AUTO_CLOSE, false)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1024 * 1024));
    }

    private static CompletableFuture<Transport> open(Bootstrap b, SocketAddress address, TransportListener listener,
                                                     SSLEngine tlsFirst) {
        CompletableFuture<Transport> result = new CompletableFuture<>();
        Inbound inbound = new Inbound(listener, result);
        b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tlsFirst != null) {
                    ch.pipeline().addLast(TLS, tlsHandler(tlsFirst));
                }
                ch.pipeline().addLast(inbound);
            }
        });
        ChannelFuture f = b.connect(address);
        // Success is reported by Inbound.channelActive, never from here: on loopback the connect can
        // finish before this listener is added, and a listener added late runs as a separate event-loop
        // task, after the first read (the server's INFO) has already been handed to a listener that had
        // not been told of the transport yet.
        f.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
            }
        });
        return result;
    }

    private static SslHandler tlsHandler(SSLEngine engine) {
        SslHandler h = new SslHandler(engine);
        // the connection's own handshake deadline covers TLS too, with a message that says which step hung
        h.setHandshakeTimeoutMillis(0);
        return h;
    }

    @Override
    public CompletableFuture<Void> startTls(SSLEngine engine) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SslHandler h = tlsHandler(engine);
        tls = true;
        channel.pipeline().addFirst(TLS, h);
        h.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    @Override
    public void write(ByteBuffer data, Consumer<Boolean> done) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        channel.writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess()) {
                // with auto-close off a failed write leaves the channel open: end it here
                close();
            }
            done.accept(f.isSuccess());
        });
    }

    @Override
    public int writeNow(ByteBuffer data) {
        if (tls || !(channel instanceof UnixChannel unix) || closing) {
            return -1;
        }
        if (!writeGuard.tryLock()) {
            return -1;
        }
        try {
            if (closing || !channel.isActive() || !unix.fd().isOpen()) {
                return -1;
            }
            ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            if (queued == null || queued.totalPendingWriteBytes() != 0) {
                return -1;
            }
            int n = unix.fd().write(data, data.position(), data.limit());
            data.position(data.position() + n);
            return n;
        } catch (IOException e) {
            // the I/O thread will see the broken socket on its own and report it
            return -1;
        } finally {
            writeGuard.unlock();
        }
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Runnable schedule(Runnable task, long delayNanos) {
        var future = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean inIoThread() {
        return loop.inEventLoop();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void shutdownOutput() {
        if (!tls && channel instanceof io.netty.channel.socket.DuplexChannel duplex && channel.isActive()) {
            duplex.shutdownOutput();
        } else {
            close();
        }
    }

    @Override
    public void close() {
        if (!closing) {
            writeGuard.lock();
            try {
                closing = true;
            } finally {
                writeGuard.unlock();
            }
        }
        channel.close();
    }

    /** Reports the open channel before its first read, hands reads up in place and reports the end once. */
    private static final class Inbound extends ChannelInboundHandlerAdapter {
        private final TransportListener listener;
        private final CompletableFuture<Transport> opened;
        private Throwable failure;
        private NettyTransport transport;

        Inbound(TransportListener listener, CompletableFuture<Transport> opened) {
            this.listener = listener;
            this.opened = opened;
        }

        /** Runs on the event loop before the channel's first read is even asked for. */
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            NettyTransport t = new NettyTransport(ctx.channel());
            t.tls = ctx.pipeline().get(SslHandler.class) != null;
            transport = t;
            listener.onOpen(t);
            opened.complete(t);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                int len = in.readableBytes();
                if (len > 0) {
                    ByteBuffer view = in.nioBufferCount() == 1
                        ? in.internalNioBuffer(in.readerIndex(), len)
                        : in.nioBuffer();
                    listener.onRead(view);
                }
            } catch (RuntimeException e) {
                failure = e;
                close(ctx);
            } finally {
                in.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            listener.onReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            close(ctx);
        }

        /** End of stream or a read error: Netty only shut the input down (half-closure); close here. */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                close(ctx);
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void close(ChannelHandlerContext ctx) {
            NettyTransport t = transport;
            if (t != null) {
                t.close();
            } else {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onClosed(failure);
        }
    }
}
