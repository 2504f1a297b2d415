package dev.relay.nats.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide Netty event-loop group that serves every connection: epoll where the native
 * library loads, NIO otherwise, one daemon thread per core (at most 4), named
 * {@code relay-nats-io-N}. Created on first use. Thread-safe.
 */
public final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
    private static volatile Holder holder;

    private EventLoops() {
    }

    /** The group and the channel class that goes with it. */
    record Holder(EventLoopGroup group, Class<? extends Channel> channelClass,
                  Class<? extends Channel> domainChannelClass, String kind) {
    }

    static Holder get() {
        Holder h = holder;
        if (h == null) {
            synchronized (EventLoops.class) {
                h = holder;
                if (h == null) {
                    h = create();
                    holder = h;
                }
            }
        }
        return h;
    }

    /**
     * Runs a task on one of the I/O threads after a delay, whether or not any connection is open:
     * the one timer behind request timeouts, reconnect waits and handshake deadlines.
     *
     * @param task the task; must not block
     * @param delayNanos delay in nanoseconds
     * @return a handle whose {@code run()} cancels the task
     */
    public static Runnable schedule(Runnable task, long delayNanos) {
        var f = get().group().next().schedule(task, Math.max(0, delayNanos), java.util.concurrent.TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
    /** An I/O thread of the shared group: blocking on it stalls every connection it serves. */
    private static final class IoThread extends io.netty.util.concurrent.FastThreadLocalThread {
        IoThread(Runnable r, String name) {
            super(r, name);
        }
    }

    /**
     * Whether the calling thread is one of Relay's I/O threads (of any connection).
     *
     * @return true on an I/O thread
     */
    public static boolean onIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    /**
     * Shuts the shared group down and waits (up to {@code timeout}) for its threads to end; the next
     * connection makes a new group.
     *
     * @param timeout how long to wait for the threads
     * @return whether they ended in time
     */
    public static synchronized boolean shutdown(java.time.Duration timeout) {
        Holder h = holder;
        holder = null;
        if (h == null) {
            return true;
        }
        return h.group().shutdownGracefully(0, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(timeout.toMillis() + 1000);
    }

    private static Holder create() {
        int threads = Integer.getInteger("relay.nats.ioThreads",
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        ThreadFactory tf = new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new IoThread(r, "relay-nats-io-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        };
        boolean epoll = !Boolean.getBoolean("relay.nats.nio") && Epoll.isAvailable();
        if (!epoll) {
            LOG.debug("epoll not used ({}); using NIO", Epoll.unavailabilityCause() == null
                ? "disabled" : Epoll.unavailabilityCause().toString());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, tf,
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new Holder(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class,
            epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class, epoll ? "epoll" : "nio");
    }
}
