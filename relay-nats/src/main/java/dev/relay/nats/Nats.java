package dev.relay.nats;

import dev.relay.nats.internal.connection.RealConnection;
import dev.relay.nats.internal.connection.Nuid;

/**
 * Entry point: connects to a NATS server.
 *
 * <pre>{@code
 * try (Connection nc = Nats.connect("nats://127.0.0.1:4222")) {
 *     nc.publish("hello", "world");
 * }
 * }</pre>
 */
public final class Nats {

    /** The client library's version, as sent to the server in CONNECT. */
    public static final String VERSION = "0.1.0";

    private Nats() {
    }

    /**
     * Connects with default options to one server. Blocks until connected.
     *
     * @param url server URL, e.g. {@code nats://127.0.0.1:4222}
     * @return the open connection
     * @throws ConnectionException if no server answered at the URL
     * @throws AuthenticationException if the server refused the credentials
     */
    public static Connection connect(String url) {
        return connect(Options.builder().servers(url).build());
    }

    /**
     * Connects with the given options. Blocks until connected or the connect timeout passes.
     *
     * @param options connection options
     * @return the open connection
     * @throws ConnectionException if no server answered
     * @throws AuthenticationException if the server refused the credentials
     */
    public static Connection connect(Options options) {
        return RealConnection.connect(options);
    }

    /**
     * Ends the threads all connections share (I/O, dispatch, timer and event threads), so that no Relay
     * thread outlives the application's use of it; for thread-leak checks in test suites, or a clean
     * stop in a container. The next {@code connect} starts them again.
     *
     * <pre>{@code
     * nc.close();
     * Nats.shutdown();
     * }</pre>
     *
     * @throws IllegalStateException if a connection is still open (close every connection first)
     */
    public static void shutdown() {
        RealConnection.shutdownShared(java.time.Duration.ofSeconds(5));
    }

    /**
     * A new unique inbox subject with the default prefix {@code _INBOX}.
     *
     * @return a subject such as {@code _INBOX.Xq3…}
     */
    public static String newInbox() {
        return "_INBOX." + Nuid.next();
    }
}
