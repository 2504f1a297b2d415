package dev.relay.nats.internal.connection;

/**
 * Stale-connection detection: on each tick of the ping interval, either asks for a PING or, when too
 * many went unanswered, declares the connection stale. Any PONG resets the count. Pure logic; confined
 * to the I/O thread.
 */
final class PingKeeper {
    /** What a tick asks for. */
    enum Action {
        /** Send a PING. */
        PING,
        /** Too many PINGs unanswered: treat the connection as lost. */
        STALE
    }

    private final int maxPingsOut;
    private int outstanding;

    PingKeeper(int maxPingsOut) {
        this.maxPingsOut = maxPingsOut;
    }

    Action onTick() {
        if (outstanding >= maxPingsOut) {
            return Action.STALE;
        }
        outstanding++;
        return Action.PING;
    }

    void onPong() {
        outstanding = 0;
    }

    void reset() {
        outstanding = 0;
    }
}
