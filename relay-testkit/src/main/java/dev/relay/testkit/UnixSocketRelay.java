package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a Unix domain socket and relays each connection, byte for byte, to a TCP server on
 * loopback: released nats-server versions do not listen on Unix sockets, so tests of {@code unix://}
 * URLs reach a real server through this. The client side is a real Unix-socket connection. Each relayed
 * connection uses two daemon threads; {@link #close()} ends them all and deletes the socket file.
 *
 * <pre>{@code
 * try (UnixSocketRelay relay = UnixSocketRelay.start(server.port())) {
 *     Nats.connect("unix://" + relay.path());
 * }
 * }</pre>
 */
public final class UnixSocketRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketRelay.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Path dir;
    private final Path path;
    private final int tcpPort;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private UnixSocketRelay(Path dir, int tcpPort) throws IOException {
        this.dir = dir;
        this.path = dir.resolve("nats.sock");
        this.tcpPort = tcpPort;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
    }

    /**
     * Starts a relay on a new socket file in a fresh temporary folder.
     *
     * @param tcpPort the loopback TCP port to relay to (a {@link NatsServer#port()})
     * @return the running relay
     */
    public static UnixSocketRelay start(int tcpPort) {
        try {
            UnixSocketRelay r = new UnixSocketRelay(Files.createTempDirectory("relay-unix"), tcpPort);
            Thread t = new Thread(r::acceptLoop, "unix-relay-accept-" + IDS.incrementAndGet());
            t.setDaemon(true);
            t.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a Unix socket", e);
        }
    }

    /** @return the socket file clients connect to */
    public Path path() {
        return path;
    }

    /** @return {@code unix://} URL of the socket */
    public String url() {
        return "unix://" + path;
    }

    /** @return how many connections were accepted so far */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Closes every relayed connection, keeping the socket listening: clients see a dropped connection. */
    public void dropConnections() {
        for (SocketChannel c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("unix relay {}: accept failed: {}", path, e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            try {
                SocketChannel upstream = SocketChannel.open(new InetSocketAddress("127.0.0.1", tcpPort));
                open.add(client);
                open.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                LOG.info("unix relay {}: cannot reach 127.0.0.1:{}: {}", path, tcpPort, e.toString());
                closeQuietly(client);
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, String direction) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // one side went away; closing both below ends the other pump too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "unix-relay-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already broken
        }
    }

    /** Stops listening, closes every relayed connection and deletes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("unix relay: cannot delete {}: {}", path, e.toString());
        }
    }
}
