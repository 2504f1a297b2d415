package dev.relay.nats;

import java.time.Instant;

/**
 * Something that happened to a connection's lifecycle, as given to a {@link ConnectionListener}.
 *
 * @param type what happened
 * @param serverUrl the server concerned, or an empty string when none applies
 * @param detail extra words for people (the reason for a disconnect, say), possibly empty
 * @param time when it happened
 */
public record ConnectionEvent(Type type, String serverUrl, String detail, Instant time) {

    /** The kinds of lifecycle events. */
    public enum Type {
        /** The first connection was made. */
        CONNECTED,
        /** The connection to the server was lost. */
        DISCONNECTED,
        /** A connection was made again after a loss. */
        RECONNECTED,
        /** After a reconnect, the subscriptions were sent to the new server again. */
        RESUBSCRIBED,
        /** The server announced new servers of its cluster. */
        SERVERS_DISCOVERED,
        /** The server is in lame duck mode and will shut down soon. */
        LAME_DUCK,
        /** The connection was closed for good. */
        CLOSED
    }

    @Override
    public String toString() {
        return type + (serverUrl.isEmpty() ? "" : " " + serverUrl) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
