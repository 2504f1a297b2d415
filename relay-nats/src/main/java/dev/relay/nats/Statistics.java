package dev.relay.nats;

/**
 * A snapshot of a connection's counters, taken by {@link Connection#statistics()}.
 *
 * @param inMessages messages received
 * @param inBytes payload bytes received (headers included)
 * @param outMessages messages published
 * @param outBytes payload bytes published (headers included)
 * @param requests requests sent
 * @param replies replies received for requests
 * @param droppedMessages messages dropped by subscriptions over their pending limits
 * @param errors errors reported (server {@code -ERR}s, handler exceptions, protocol errors)
 * @param reconnects times the connection was re-established
 * @param flushes batches written to the socket (write system calls asked of the transport)
 */
public record Statistics(
        long inMessages,
        long inBytes,
        long outMessages,
        long outBytes,
        long requests,
        long replies,
        long droppedMessages,
        long errors,
        long reconnects,
        long flushes) {
}
