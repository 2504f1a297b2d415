package dev.relay.nats;

/** Lifecycle states of a {@link Connection}. */
public enum ConnectionStatus {
    /** Opening the socket and doing the INFO / CONNECT handshake. */
    CONNECTING,
    /** Connected and usable. */
    CONNECTED,
    /** Lost its server and trying to get one back. */
    RECONNECTING,
    /** Draining: no new subscriptions; pending messages are being handled (handlers may still publish). */
    DRAINING,
    /** Closed for good. */
    CLOSED
}
