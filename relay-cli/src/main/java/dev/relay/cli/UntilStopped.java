package dev.relay.cli;

import dev.relay.nats.AuthorizationException;
import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Keeps a long-running command ({@code sub}, {@code reply}) alive until its work is done, the server
 * denies its subscription, or the user presses Ctrl-C; then ends its connection cleanly. On Ctrl-C a
 * JVM shutdown hook drains the connection (what arrived is still handled) before the JVM exits.
 * Thread-safe: {@link #finish()} and denials arrive on library threads, the rest on the command's
 * thread.
 *
 * <p>{@code try (UntilStopped run = new UntilStopped()) { Connection nc = relay.connect(watch);
 * run.watch(nc, watch); nc.subscribe(..., m -> run.finish()); run.await(); }}
 */
final class UntilStopped implements AutoCloseable {

    /** Bound on handling what is pending when the command ends. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern USER_INFO = Pattern.compile("://[^/@,\\s]*@");

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Connection connection;
    private volatile Thread hook;

    /**
     * Installs the Ctrl-C hook for a connection and takes it over: {@link #close()} drains and closes it.
     * A permissions denial or a protocol error heard by the watch ends {@link #await()} with that error.
     *
     * @param nc the command's connection
     * @param watch the watch the connection reports to
     */
    void watch(Connection nc, ConnectionWatch watch) {
        this.connection = nc;
        watch.denial().thenAccept(done::completeExceptionally);
        watch.protocolError().thenAccept(done::completeExceptionally);
        Thread h = new Thread(() -> {
            drainQuietly(nc);
            done.complete(null);
        }, "relay-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(h);
        this.hook = h;
    }

    /**
     * Says on stderr that the subscription is registered, so people and scripts know publishers reach
     * it now: {@code Listening on SUBJECT [in queue group Q] at URL (Ctrl-C to stop | for N things)}.
     *
     * @param err the command's stderr
     * @param subject the subject listened on
     * @param queue the queue group, or null
     * @param url the server URL(s)
     * @param count how many messages end the command, or null for Ctrl-C
     * @param noun what is counted, singular, e.g. {@code message}
     */
    void announce(PrintWriter err, String subject, String queue, String url, Integer count, String noun) {
        err.println("Listening on " + subject + (queue == null ? "" : " in queue group " + queue) + " at "
                + withoutUserInfo(url)
                + (count == null ? " (Ctrl-C to stop)" : " for " + count + " " + noun + (count == 1 ? "" : "s")));
        err.flush();
    }

    /**
     * Checks a {@code --count} option: absent, or at least 1.
     *
     * @param spec the running command, for the error
     * @param count the option's value, null when absent
     * @throws ParameterException if it is below 1
     */
    static void checkCount(CommandSpec spec, Integer count) {
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
    }

    /**
     * Handles thing number {@code n} (from 1) of a command bounded by {@code --count}: runs the action
     * unless {@code n} is past the count, and lets {@link #await()} return after the last one.
     *
     * @param count how many things end the command, null for no limit
     * @param n the thing's number
     * @param action what to do with it
     */
    void upTo(Integer count, long n, Runnable action) {
        if (count != null && n > count) {
            return;
        }
        action.run();
        if (count != null && n == count) {
            finish();
        }
    }

    /**
     * Server URLs fit to print: a user and password (or token) written into a URL, as in
     * {@code nats://alice:secret@host:4222}, become {@code ***}.
     *
     * @param urls one URL or several, comma-separated
     * @return the same URLs without their credentials
     */
    static String withoutUserInfo(String urls) {
        return USER_INFO.matcher(urls).replaceAll("://***@");
    }

    /** The work is done: lets {@link #await()} return. */
    void finish() {
        done.complete(null);
    }

    /**
     * Blocks until {@link #finish()}, Ctrl-C, a denial or a protocol error.
     *
     * @throws AuthorizationException if the server denied the subscription
     * @throws dev.relay.nats.ProtocolException if the server sent bytes that are not NATS
     * @throws ConnectionClosedException if the thread is interrupted
     */
    void await() {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof NatsException ne ? ne : new NatsException(String.valueOf(cause), cause);
        }
    }

    /** Removes the hook (unless the JVM is already exiting), then drains and closes the connection. */
    @Override
    public void close() {
        Thread h = hook;
        if (h != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException e) {
                return; // the JVM is shutting down: the hook drains the connection
            }
        }
        Connection nc = connection;
        if (nc == null) {
            return;
        }
        try {
            if (!nc.isClosed() && !done.isCompletedExceptionally()) {
                nc.drain(DRAIN_TIMEOUT); // after a failure, the failure is the news, not a drain
            }
        } finally {
            nc.close();
        }
    }

    private static void drainQuietly(Connection nc) {
        try {
            if (!nc.isClosed()) {
                nc.drain(DRAIN_TIMEOUT);
            }
        } catch (NatsException e) {
            nc.close(); // nobody is left to tell: the JVM is exiting
        }
    }
}
