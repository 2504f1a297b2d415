package dev.relay.nats;

/** Why a request-many stopped gathering replies. */
public enum RequestManyEnd {
    /** {@link RequestManyOptions#maxMessages()} replies arrived. */
    MAX_MESSAGES,
    /** The total wait ran out. */
    TOTAL_WAIT,
    /** No reply came within the stall wait after the previous one. */
    STALL,
    /** An empty reply (the sentinel) arrived. */
    SENTINEL,
    /** Nobody listens on the subject: the server answered with status 503 at once. */
    NO_RESPONDERS,
    /** A status message other than 503 arrived in place of a reply (it is terminal, per ADR-47). */
    STATUS,
    /** The caller stopped it: {@link Replies#close()}, or a {@link ReplyHandler} that returned false. */
    CANCELLED,
    /** The connection closed (or the inbox subscription was refused) before any other end. */
    CLOSED,
    /**
     * More replies waited unread than {@link RequestManyOptions#maxPending()} allows (iterable form
     * only): the reader did not keep up. The replies already queued can still be read.
     */
    OVERFLOW
}
