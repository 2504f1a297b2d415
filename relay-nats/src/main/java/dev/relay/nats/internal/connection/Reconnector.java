package dev.relay.nats.internal.connection;

import dev.relay.nats.AuthenticationException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.NatsException;
import dev.relay.nats.Options;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a server for a connection: the first connect (blocking the caller, one round over the pool),
 * and every reconnect after a loss (never blocking anyone: each attempt starts when the previous one
 * failed, rounds are separated by the {@link ReconnectPolicy}'s waits on the shared timer). Owns the
 * {@link ServerPool}. One step runs at a time, each started by the end of the one before.
 */
final class Reconnector {
    private final RealConnection connection;
    private final Clock clock;
    private final Inbound inbound;
    private final Options options;
    private final ServerPool pool;
    private final ReconnectPolicy policy;
    private final Deque<URI> round = new ArrayDeque<>();
    private volatile boolean stopped;
    private volatile URI current;
    private int roundNumber;
    /** Per server, the refusal of its last failed attempt (reconnect steps only, one at a time). */
    private final java.util.Map<URI, String> lastRefusal = new java.util.HashMap<>();

    Reconnector(RealConnection connection, Inbound inbound, Options options, Clock clock) {
        this.clock = clock;
        this.connection = connection;
        this.inbound = inbound;
        this.options = options;
        this.pool = new ServerPool(options.servers(), !options.reconnect().noRandomize(),
            options.reconnect().maxReconnects(), new Random());
        this.policy = new ReconnectPolicy(options.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Tries each server once, blocking. On success the connection is usable.
     *
     * @return null when connected; otherwise the failure of the first server, the others' messages added
     * @throws AuthenticationException at once if a server refused the credentials
     */
    NatsException connectFirst() {
        List<String> failures = new ArrayList<>();
        NatsException first = null;
        for (URI uri : pool.round(null)) {
            try {
                inbound.open(uri, options.connectTimeout(), false)
                    .get(options.connectTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
                current = uri;
                pool.connected(uri);
                return null;
            } catch (ExecutionException e) {
                NatsException ne = e.getCause() instanceof NatsException n ? n
                    : new ConnectionException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
                if (ne instanceof AuthenticationException) {
                    throw ne;
                }
                failures.add(ne.getMessage());
                first = first == null ? ne : first;
            } catch (TimeoutException e) {
                inbound.abandon();
                failures.add("no answer from " + uri);
                first = first == null ? new ConnectionException("no answer from " + uri) : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inbound.abandon();
                throw new ConnectionException("interrupted while connecting", e);
            }
        }
        if (failures.size() <= 1) {
            return first;
        }
        return new ConnectionException("could not connect to any of " + failures.size() + " servers: "
            + String.join("; ", failures), first);
    }

    /** Starts reconnecting after losing {@code lost} (null: the first connect failed). */
    void reconnect(URI lost) {
        askServerListProvider();
        roundNumber = lost == null ? 1 : 0;
        round.clear();
        if (lost != null) {
            round.addAll(pool.round(lost));
        }
        next();
    }

    private void next() {
        if (stopped) {
            return;
        }
        if (!round.isEmpty()) {
            attempt(round.poll());
            return;
        }
        if (pool.isEmpty()) {
            connection.giveUp("no server left to reconnect to: each failed more than "
                + options.reconnect().maxReconnects() + " times");
            return;
        }
        roundNumber++;
        askServerListProvider();
        round.addAll(pool.round(current));
        long delay = policy.nextDelayNanos(roundNumber, false);
        clock.schedule(this::next, delay);
    }

    private void attempt(URI uri) {
        if (stopped) {
            return;
        }
        inbound.open(uri, options.connectTimeout(), true).whenComplete((v, e) -> {
            if (e == null) {
                current = uri;
                pool.connected(uri);
                lastRefusal.remove(uri);
                roundNumber = 0;
                connection.reconnected();
            } else {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
                pool.failed(uri);
                refusedTwice(uri, cause);
                connection.attemptFailed(uri, cause);
                next();
            }
        });
    }

    /**
     * A server that refuses the credentials with the same words twice in a row will go on refusing
     * them: it leaves the pool instead of being retried up to the reconnect limit (as nats.go does).
     * Any other outcome in between starts the count again.
     */
    private void refusedTwice(URI uri, Throwable error) {
        if (!(error instanceof AuthenticationException || error instanceof dev.relay.nats.AuthorizationException)) {
            lastRefusal.remove(uri);
            return;
        }
        String said = error instanceof dev.relay.nats.ServerErrorException se ? se.serverMessage() : error.getMessage();
        if (said.equals(lastRefusal.put(uri, said))) {
            pool.remove(uri);
            lastRefusal.remove(uri);
            connection.reportError(new AuthenticationException(said, "server " + uri.getHost() + ":" + uri.getPort()
                + " refused the credentials twice in a row; it is not tried again"));
        }
    }

    /**
     * Before each reconnect round, the application's server-list provider (if any) says which servers to
     * use now; a provider that throws or answers nothing usable leaves the pool as it is, and is reported.
     */
    private void askServerListProvider() {
        var provider = options.serverListProvider().orElse(null);
        if (provider == null) {
            return;
        }
        try {
            List<String> urls = provider.get();
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("the server-list provider returned no server");
            }
            // parsed and checked exactly as Options.servers does
            pool.replaceGiven(Options.builder().servers(urls.toArray(String[]::new)).build().servers());
        } catch (RuntimeException e) {
            connection.reportError(new dev.relay.nats.NatsException("server-list provider failed; reconnecting "
                + "with the servers known so far: " + e.getMessage(), e));
        }
    }

    /** Takes the servers a cluster announces. */
    List<URI> discovered(List<String> connectUrls) {
        return pool.discovered(connectUrls, current);
    }

    /** The pool's servers as people write them, without credentials. */
    List<String> servers() {
        List<String> out = new ArrayList<>();
        for (URI u : pool.servers()) {
            out.add(ServerPool.display(u, "tls".equalsIgnoreCase(u.getScheme()) || options.tls().isPresent()));
        }
        return out;
    }

    /** Whether another server than the current one could be tried. */
    boolean hasAlternative() {
        return pool.servers().size() > 1;
    }

    URI current() {
        return current;
    }

    void stop() {
        stopped = true;
    }
}
