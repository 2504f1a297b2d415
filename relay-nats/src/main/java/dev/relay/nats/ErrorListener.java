package dev.relay.nats;

/**
 * Hears errors that belong to no caller: {@code -ERR}s from the server, slow consumers, protocol
 * errors, exceptions thrown by message handlers. Every method has a do-nothing default; the default
 * listener logs through SLF4J. Called on internal threads: return quickly.
 */
public interface ErrorListener {

    /**
     * The server sent {@code -ERR}.
     *
     * @param connection the connection that received it
     * @param error the error, with the server's text verbatim
     */
    default void onServerError(Connection connection, ServerErrorException error) {
    }

    /**
     * A subscription reached its pending limits and a message was dropped. Reported once per episode:
     * again only after what the subscription holds is back at half its limits.
     *
     * @param connection the connection
     * @param subscription the slow subscription
     */
    default void onSlowConsumer(Connection connection, Subscription subscription) {
    }

    /**
     * The bytes published and not yet handed to the network passed {@link Options#outboundBacklogAlarm()}:
     * the application publishes faster than the network or the server takes (a slow consumer on the
     * client's side). Once per episode; the episode ends when the backlog is back under half.
     *
     * @param connection the connection
     * @param pendingBytes bytes waiting when the alarm went off
     */
    default void onOutboundBacklog(Connection connection, long pendingBytes) {
    }

    /**
     * An exception that belongs to no caller: a handler that threw, a protocol error, a socket error.
     *
     * @param connection the connection
     * @param error what was thrown
     */
    default void onException(Connection connection, Throwable error) {
    }
}
