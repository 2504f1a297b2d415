package dev.relay.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Minimal blocking NATS client over a raw socket, so the test kit is checked against the real wire
 * without depending on the library: reads INFO, sends CONNECT/PING, waits for lines with a deadline.
 * Confined to the test thread that created it.
 */
final class RawClient implements AutoCloseable {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String info;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
        this.info = in.readLine();
    }

    /** Connects to the server's loopback port and reads the INFO greeting. */
    static RawClient connect(int port) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) IO_TIMEOUT.toMillis());
            return new RawClient(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** True if a TCP connect to 127.0.0.1:port is refused (nothing listens). */
    static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) IO_TIMEOUT.toMillis());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line the server sent, {@code INFO {...}}. */
    String info() {
        return info;
    }

    /**
     * Sends CONNECT (protocol 1, so the server may push async INFO) and PING, then waits for PONG.
     */
    RawClient handshake() {
        send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nPING\r\n");
        awaitLine(line -> line.equals("PONG"), IO_TIMEOUT);
        return this;
    }

    /**
     * Reads lines until one matches, answering server PINGs on the way.
     *
     * @throws AssertionError on timeout or when the server closes the connection first
     */
    String awaitLine(Predicate<String> match, Duration timeout) {
        return readUntil(match, timeout)
                .orElseThrow(() -> new AssertionError("server closed the connection before a matching line"));
    }

    /**
     * Waits until the server closes the connection (EOF or reset), discarding lines.
     *
     * @throws AssertionError if it is still open after {@code timeout}
     */
    void awaitClosed(Duration timeout) {
        readUntil(line -> false, timeout);
    }

    /** Returns the first matching line, or empty when the connection ends first. */
    private Optional<String> readUntil(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long remainingMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (remainingMs <= 0) {
                    throw new AssertionError("no matching line within " + timeout);
                }
                socket.setSoTimeout((int) remainingMs);
                String line = in.readLine();
                if (line == null) {
                    return Optional.empty();
                }
                if (match.test(line)) {
                    return Optional.of(line);
                }
                if (line.equals("PING")) {
                    send("PONG\r\n");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no matching line within " + timeout, e);
        } catch (SocketException e) {
            return Optional.empty(); // reset by the server also ends the connection
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw protocol text, e.g. {@code "SUB a 1\r\nPING\r\n"}, and flushes. */
    void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do in a test helper
        }
    }
}
