package dev.relay.nats.internal.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;

/**
 * Opens transports: Netty's sockets in production ({@link #NETTY}), a scripted fake in the connection
 * core's unit tests, so that handshakes, stale links and reconnects are driven with no server and no
 * sleep. Implementations are thread-safe.
 */
public interface Connector {
    /** TCP (optionally TLS from the first byte) and Unix domain sockets on the shared event loops. */
    Connector NETTY = new Connector() {
        @Override
        public CompletableFuture<Transport> tcp(String host, int port, Duration timeout, TransportListener listener,
                                                SSLEngine tlsFirst, Duration keepAliveIdle) {
            return NettyTransport.connect(host, port, timeout, listener, tlsFirst, keepAliveIdle);
        }

        @Override
        public CompletableFuture<Transport> unix(Path path, Duration timeout, TransportListener listener) {
            return NettyTransport.connectUnix(path, timeout, listener);
        }
    };

    /**
     * Opens a TCP connection, optionally with TLS from the first byte.
     *
     * @param host server host
     * @param port server port
     * @param timeout connect timeout
     * @param listener told of the open transport (before any read), reads and the close
     * @param tlsFirst engine for a TLS handshake before anything else, or null
     * @param keepAliveIdle idle time before TCP keepalive probes start, or null for the system's default
     * @return completes with the transport, or exceptionally with why it could not be opened
     */
    CompletableFuture<Transport> tcp(String host, int port, Duration timeout, TransportListener listener,
                                     SSLEngine tlsFirst, Duration keepAliveIdle);

    /**
     * Opens a Unix domain socket connection.
     *
     * @param path the socket file
     * @param timeout connect timeout
     * @param listener told of the open transport, reads and the close
     * @return completes with the transport, or exceptionally with why it could not be opened
     */
    CompletableFuture<Transport> unix(Path path, Duration timeout, TransportListener listener);
}
