package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Finds free TCP ports on 127.0.0.1 by letting the kernel pick one. Thread-safe (stateless).
 *
 * <p>The port is released before it is returned, so another process may take it first; callers that
 * spawn a server on it must be ready to retry, as {@link NatsServer} is.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago.
     *
     * @return a port in the kernel's ephemeral range
     * @throws UncheckedIOException if no socket can be bound
     */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
        }
    }

    /** Returns 127.0.0.1 explicitly, never ::1, whatever the JVM's IPv6 preference. */
    static InetAddress loopbackAddress() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4-byte address rejected", e);
        }
    }
}
