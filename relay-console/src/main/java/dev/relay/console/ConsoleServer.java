package dev.relay.console;

import dev.relay.console.internal.ConsoleHost;
import dev.relay.nats.Connection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * Relay's web console: a small HTTP + WebSocket server (Netty, no servlet container) that serves a
 * single-page console and a JSON API to publish, request, subscribe and watch messages flow on one
 * NATS connection. Binds to {@value ConsoleOptions#DEFAULT_BIND} unless told otherwise; every API call
 * and WebSocket needs the access token. Thread-safe.
 *
 * <p>{@code try (ConsoleServer console = ConsoleServer.start(nc, ConsoleOptions.builder().build())) {
 * System.out.println("open " + console.browserUri()); ... }}
 */
public final class ConsoleServer implements AutoCloseable {

    private final ConsoleHost host;
    private final Connection connection;

    private ConsoleServer(ConsoleHost host, Connection connection) {
        this.host = host;
        this.connection = connection;
    }

    /**
     * Starts a console on a connection, without connection events in its status.
     *
     * @param nc the connection to work on; it stays the caller's to close, after the console
     * @param options where to listen and the limits
     * @return the running console
     * @throws ConsoleException if the address cannot be bound
     */
    public static ConsoleServer start(Connection nc, ConsoleOptions options) {
        return start(nc, options, new ConnectionLog());
    }

    /**
     * Starts a console on a connection, showing the events the given log heard (give the same log to
     * the connection's options as its connection listener). Blocks until the port is bound.
     *
     * @param nc the connection to work on; it stays the caller's to close, after the console
     * @param options where to listen and the limits
     * @param log the connection's event log
     * @return the running console
     * @throws ConsoleException if the address cannot be bound
     */
    public static ConsoleServer start(Connection nc, ConsoleOptions options, ConnectionLog log) {
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(log, "log");
        return new ConsoleServer(ConsoleHost.start(nc, options, log), nc);
    }

    /**
     * The port the console listens on (the chosen one when the options said 0).
     *
     * @return the port
     */
    public int port() {
        return host.address().getPort();
    }

    /**
     * The console's base URL, e.g. {@code http://127.0.0.1:8080/}.
     *
     * @return the URL, without the token
     */
    public URI uri() {
        InetSocketAddress a = host.address();
        String h = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort() + "/");
    }

    /**
     * The URL to open in a browser: {@link #uri()} with the token in the fragment, which browsers
     * never send to a server or put in a Referer.
     *
     * @return e.g. {@code http://127.0.0.1:8080/#token=…}
     */
    public URI browserUri() {
        return URI.create(uri() + "#token=" + host.token());
    }

    /**
     * The access token API calls must carry ({@code Authorization: Bearer TOKEN}).
     *
     * @return the token
     */
    public String accessToken() {
        return host.token();
    }

    /**
     * The connection the console works on.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /** Stops the console: closes its port, its WebSockets and its subscriptions. Idempotent. */
    @Override
    public void close() {
        host.close();
    }
}
