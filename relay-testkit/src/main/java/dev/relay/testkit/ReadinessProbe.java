package dev.relay.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits until a freshly spawned nats-server is ready: its ports file names our port and a TCP
 * connection to 127.0.0.1:port receives an {@code INFO {...}} greeting. Polls with an exponential
 * back-off spent in {@link Process#waitFor(long, TimeUnit)}, so an early exit is seen at once.
 * Used by one thread at a time (the caller of start/restart); stateless otherwise.
 *
 * <p>Why the ports file: after a lost port race another process owns the port and would greet us;
 * nats-server writes {@code <exe>_<pid>.ports} with our pid only once it listens itself.
 */
final class ReadinessProbe {

    /** How a wait ended. */
    enum Outcome { READY, EXITED, TIMED_OUT }

    /** The outcome and, when {@link Outcome#READY}, the greeting line. */
    record Result(Outcome outcome, String infoLine) {
    }

    private static final long FIRST_BACKOFF_MS = 5;
    private static final long MAX_BACKOFF_MS = 100;
    private static final int MAX_IO_TIMEOUT_MS = 1_000;

    private ReadinessProbe() {
    }

    /** Waits for readiness until {@code timeout} passes or the process exits. */
    static Result await(Process process, int port, Path portsDir, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            if (!process.isAlive()) {
                return new Result(Outcome.EXITED, "");
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                return new Result(Outcome.TIMED_OUT, "");
            }
            if (portsFileNames(portsDir, process.pid(), port)) {
                Optional<String> info = greeting(port, (int) Math.min(remainingMs, MAX_IO_TIMEOUT_MS));
                if (info.isPresent() && process.isAlive()) {
                    return new Result(Outcome.READY, info.get());
                }
            }
            if (process.waitFor(Math.min(backoffMs, Math.max(1, remainingMs)), TimeUnit.MILLISECONDS)) {
                return new Result(Outcome.EXITED, "");
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    /** Connects once and returns the first line if it is an INFO greeting. */
    static Optional<String> greeting(int port, int timeoutMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopbackAddress(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            return line != null && line.startsWith("INFO {") ? Optional.of(line) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // refused, reset or slow: not ready yet
        }
    }

    /** True once {@code *_<pid>.ports} exists and lists {@code :port}. */
    static boolean portsFileNames(Path portsDir, long pid, int port) {
        String suffix = "_" + pid + ".ports";
        try (Stream<Path> files = Files.list(portsDir)) {
            Optional<Path> file = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
            if (file.isEmpty()) {
                return false;
            }
            // {"nats":["nats://127.0.0.1:4222"]}; it may be caught half-written, so re-read next poll.
            return Files.readString(file.get()).contains(":" + port + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
