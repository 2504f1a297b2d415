package dev.relay.console.internal;

import dev.relay.console.ConnectionLog;
import dev.relay.console.ConsoleException;
import dev.relay.console.ConsoleOptions;
import dev.relay.nats.Connection;
import dev.relay.nats.Dispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and stops the console's Netty server: one event loop thread ({@code relay-console-N}) for all
 * browsers, an HTTP pipeline per connection, and a dispatcher of its own on the NATS connection for the
 * console's subscriptions. Thread-safe; {@link #close()} is idempotent.
 */
public final class ConsoleHost implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Dispatcher dispatcher;
    private final LiveSubscriptions subscriptions;
    private final String token;

    private ConsoleHost(EventLoopGroup group, Channel serverChannel, Dispatcher dispatcher,
            LiveSubscriptions subscriptions, String token) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.dispatcher = dispatcher;
        this.subscriptions = subscriptions;
        this.token = token;
    }

    /**
     * Binds the console and starts serving. Blocks until bound.
     *
     * @param nc the connection the console works on; it stays the caller's to close
     * @param options where to listen and the limits
     * @param log the connection's recent events, shown in the status
     * @return the running console
     * @throws ConsoleException if the address cannot be bound
     */
    public static ConsoleHost start(Connection nc, ConsoleOptions options, ConnectionLog log) {
        StaticFiles files = StaticFiles.load();
        String token = options.accessToken().orElseGet(AccessGuard::newToken);
        Dispatcher dispatcher = nc.createDispatcher();
        LiveSubscriptions subscriptions = new LiveSubscriptions(dispatcher, options.maxSubscriptions());
        NatsApi api = new NatsApi(nc, subscriptions, log, options.requestTimeout());
        ConsoleContext context = new ConsoleContext(api, options.monitorUrl().map(MonitorClient::new), files,
                new AccessGuard(token), options.maxSockets(), new AtomicInteger());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("relay-console", true),
                NioIoHandler.newFactory());
        long high = options.socketBufferBytes();
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark((int) (high / 2), (int) high))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(),
                                new HttpObjectAggregator(options.maxBodyBytes()),
                                new ConsoleHttpHandler(context));
                    }
                })
                .bind(options.bindAddress(), options.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            dispatcher.close();
            Throwable cause = bound.cause();
            throw new ConsoleException("cannot listen on " + options.bindAddress() + ":" + options.port() + ": "
                    + cause.getMessage() + " (pick another --port, or 0 for any free one)", cause);
        }
        return new ConsoleHost(group, bound.channel(), dispatcher, subscriptions, token);
    }

    /**
     * The bound address.
     *
     * @return host and port actually bound
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * The access token in force.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /** Stops listening, closes every browser connection and the console's subscriptions. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        subscriptions.stopAll();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        dispatcher.close();
    }
}
