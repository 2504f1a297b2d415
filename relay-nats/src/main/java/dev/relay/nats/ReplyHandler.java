package dev.relay.nats;

/** Receives the replies of a request-many one at a time, in order, on a dispatcher thread. */
@FunctionalInterface
public interface ReplyHandler {

    /**
     * Handles one reply. An exception thrown here is logged and ends the request as
     * {@link RequestManyEnd#CANCELLED}.
     *
     * @param reply a reply (never a status message or the sentinel)
     * @return true to keep gathering, false to stop now ({@link RequestManyEnd#CANCELLED})
     */
    boolean onReply(Message reply);
}
