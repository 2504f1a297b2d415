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
 * @param pingsSent PINGs sent (flushes, drains, round trips and the stale-connection check)
 * @param pongsReceived PONGs received (the handshake's included)
 * @param oks {@code +OK}s received (only a verbose server sends them)
 * @param unmatchedReplies replies that found no request waiting: late (after the request's timeout),
 *     or a second answer to the same request
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
        long flushes,
        long pingsSent,
        long pongsReceived,
        long oks,
        long unmatchedReplies) {

    /** All counters at zero. */
    public static final Statistics ZERO = new Statistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * What was counted since an earlier snapshot of the same connection.
     *
     * @param earlier the earlier snapshot
     * @return each counter less the earlier one
     */
    public Statistics minus(Statistics earlier) {
        return new Statistics(inMessages - earlier.inMessages, inBytes - earlier.inBytes,
            outMessages - earlier.outMessages, outBytes - earlier.outBytes, requests - earlier.requests,
            replies - earlier.replies, droppedMessages - earlier.droppedMessages, errors - earlier.errors,
            reconnects - earlier.reconnects, flushes - earlier.flushes, pingsSent - earlier.pingsSent,
            pongsReceived - earlier.pongsReceived, oks - earlier.oks, unmatchedReplies - earlier.unmatchedReplies);
    }
}
