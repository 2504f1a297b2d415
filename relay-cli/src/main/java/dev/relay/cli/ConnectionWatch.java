package dev.relay.cli;

import dev.relay.nats.AuthorizationException;
import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionListener;
import dev.relay.nats.ErrorListener;
import dev.relay.nats.Options;
import dev.relay.nats.ProtocolException;
import dev.relay.nats.ServerErrorException;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hears what the library reports about a command's connection on its listener thread, so that a
 * permissions denial or a server that breaks the protocol becomes the command's failure (one line,
 * non-zero exit) instead of a log line next to a success or a stack trace. Everything else is logged as
 * the library's default listener would. Thread-safe: listeners run on the library's events thread, the
 * command reads from its own.
 *
 * <p>A publish to a denied subject fails only asynchronously ({@code -ERR} after the fact), so
 * {@code pub} flushes, closes, then calls {@link #awaitClosed(Duration)}: the library runs listeners
 * in order on one thread, so once the CLOSED event is heard every earlier {@code -ERR} has been too.
 */
final class ConnectionWatch {

    private static final Options DEFAULTS = Options.builder().build();

    private final CompletableFuture<AuthorizationException> denial = new CompletableFuture<>();
    private final CompletableFuture<ProtocolException> protocolError = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Completed while connected; replaced by a fresh one on each disconnect. */
    private volatile CompletableFuture<Void> up = CompletableFuture.completedFuture(null);

    /** Creates a watch for one connection. */
    ConnectionWatch() {
    }

    /**
     * The first permissions denial the server reported, as soon as it is heard.
     *
     * @return a future completed with the denial; never completed when there is none
     */
    CompletableFuture<AuthorizationException> denial() {
        return denial;
    }

    /**
     * The first protocol error the connection met: the server sent bytes that are not NATS. The watch
     * closes the connection when it hears one (see {@link #errorListener()}).
     *
     * @return a future completed with the error; never completed when there is none
     */
    CompletableFuture<ProtocolException> protocolError() {
        return protocolError;
    }

    /**
     * Waits (bounded) until the connection's CLOSED event was heard, then says whether the server broke
     * the protocol before it. The command's own failure is then often only a consequence ("connection
     * lost", "connection closed"), heard by the command before this watch heard the cause.
     *
     * @param timeout the longest to wait for the event; on timeout the answer covers what was heard
     * @return the first protocol error, or empty
     */
    Optional<ProtocolException> awaitProtocolError(Duration timeout) {
        awaitClosed(timeout);
        return Optional.ofNullable(protocolError.getNow(null));
    }

    /**
     * Waits (bounded) until the connection's CLOSED event was heard, then says whether a denial came
     * before it.
     *
     * @param timeout the longest to wait for the event; on timeout the answer covers what was heard
     * @return the first denial, or empty
     */
    Optional<AuthorizationException> awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answer with what has been heard so far
        }
        return Optional.ofNullable(denial.getNow(null));
    }

    /**
     * The listener to connect with: completes {@link #awaitClosed} on CLOSED.
     *
     * @return the connection listener
     */
    ConnectionListener connectionListener() {
        return (ConnectionEvent event) -> {
            switch (event.type()) {
                case CLOSED -> {
                    closed.complete(null);
                    up.complete(null);
                }
                case DISCONNECTED -> {
                    // a close from this watch (protocol error) can overtake the disconnect that caused it
                    if (!closed.isDone()) {
                        up = new CompletableFuture<>();
                    }
                }
                case RECONNECTED, CONNECTED -> up.complete(null);
                default -> { }
            }
        };
    }

    /**
     * Waits (bounded) until the connection is up again after a disconnect, or closed.
     *
     * @param timeout the longest to wait
     * @return true if it is up (or closed) within the timeout
     */
    boolean awaitUp(Duration timeout) {
        try {
            up.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * The line a person at the terminal should see for a connection event of this watch's connection:
     * as {@link #describe(ConnectionEvent)}, and nothing once the server broke the protocol. The
     * disconnect that follows a protocol error would only repeat it, and the command reports it once.
     * The library reports the error before the disconnect, on the same thread, so the order is certain.
     *
     * @param event the event
     * @return one line for stderr, or empty
     */
    Optional<String> lineFor(ConnectionEvent event) {
        return protocolError.isDone() ? Optional.empty() : describe(event);
    }

    /**
     * The line a person at the terminal should see for a connection event, if any: the first connect
     * and a requested close say nothing.
     *
     * @param event the event
     * @return one line for stderr, or empty
     */
    static Optional<String> describe(ConnectionEvent event) {
        String at = event.serverUrl().isEmpty() ? "" : " " + event.serverUrl();
        String why = event.detail().isEmpty() ? "" : " (" + DurationConverter.humanize(event.detail()) + ")";
        return switch (event.type()) {
            case DISCONNECTED -> Optional.of("relay: disconnected from" + at + why + "; reconnecting…");
            case RECONNECTED -> Optional.of("relay: reconnected to" + at);
            case RESUBSCRIBED -> Optional.of("relay: subscriptions restored" + why);
            case SERVERS_DISCOVERED -> Optional.of("relay: discovered servers" + why);
            case LAME_DUCK -> Optional.of("relay: server" + at + " entered lame duck mode" + why);
            case CLOSED -> event.detail().isEmpty() ? Optional.empty() : Optional.of("relay: connection closed" + why);
            case CONNECTED -> Optional.empty();
        };
    }

    /**
     * The listener to connect with: records denials and protocol errors (the command reports them), logs
     * the rest. A protocol error also closes the connection: reconnecting would only meet the same server
     * and its same bytes again, and the command would wait for a link that never holds. Closing is
     * non-blocking, so it may run on the listener thread.
     *
     * @return the error listener
     */
    ErrorListener errorListener() {
        ErrorListener logging = DEFAULTS.errorListener();
        return new ErrorListener() {
            @Override
            public void onServerError(Connection c, ServerErrorException error) {
                if (error instanceof AuthorizationException denied) {
                    denial.complete(denied);
                } else {
                    logging.onServerError(c, error);
                }
            }

            @Override
            public void onSlowConsumer(Connection c, Subscription subscription) {
                logging.onSlowConsumer(c, subscription);
            }

            @Override
            public void onException(Connection c, Throwable error) {
                if (error instanceof ProtocolException broken) {
                    protocolError.complete(broken);
                    c.close();
                } else {
                    logging.onException(c, error);
                }
            }
        };
    }
}
