package dev.relay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One proxied connection of a {@link FaultProxy}: the accepted client socket, the socket to the
 * target, and one pump thread per direction that reads a chunk, passes it through the
 * {@link FaultGate}, then writes it on. Thread-safe: {@link #close()} may come from any thread and
 * unblocks both pumps (closing a socket ends a blocked read, write or connect; the gate is woken).
 *
 * <p>End of stream goes through the gate like data, so a client that hangs up during a stall is not
 * seen by the server until the stall ends, as on a dead network. Either side's end closes both.
 */
final class ProxyLink {

    private static final int CHUNK_BYTES = 16 * 1024;

    private final Socket client;
    private final Socket server = new Socket();
    private final FaultGate gate;
    private final AtomicLong bytesForwarded;
    private final LongSupplier nanoClock;
    private final Consumer<ProxyLink> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    ProxyLink(Socket client, FaultGate gate, AtomicLong bytesForwarded, LongSupplier nanoClock,
            Consumer<ProxyLink> onClosed) {
        this.client = client;
        this.gate = gate;
        this.bytesForwarded = bytesForwarded;
        this.nanoClock = nanoClock;
        this.onClosed = onClosed;
    }

    /**
     * Connects to the target, then pumps client to server on the calling thread and server to
     * client on one more thread from {@code pool}. Returns when the link is closed.
     */
    void run(InetSocketAddress target, int connectTimeoutMs, Executor pool) {
        try {
            client.setTcpNoDelay(true); // NATS frames are small; Nagle would add its own delay
            server.setTcpNoDelay(true);
            server.connect(target, connectTimeoutMs);
            pool.execute(() -> pump(server, client));
        } catch (IOException | RejectedExecutionException e) {
            close(); // target down, link cut while connecting, or proxy closing
            return;
        }
        pump(client, server);
    }

    /** Closes both sockets at once and releases a pump waiting in the gate. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        closeQuietly(server);
        gate.wakeAll();
        onClosed.accept(this);
    }

    boolean isClosed() {
        return closed.get();
    }

    private void pump(Socket from, Socket to) {
        byte[] chunk = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = read(in, chunk);
                if (!gate.awaitForward(nanoClock.getAsLong(), this::isClosed) || n < 0) {
                    return;
                }
                out.write(chunk, 0, n);
                out.flush();
                bytesForwarded.addAndGet(n);
            }
        } catch (IOException e) {
            // the other side is gone or the link was cut: nothing to forward any more
        } finally {
            close();
        }
    }

    /** Reads one chunk; a reset or a socket closed under us counts as end of stream. */
    private static int read(InputStream in, byte[] chunk) {
        try {
            return in.read(chunk);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is unusable either way
        }
    }
}
