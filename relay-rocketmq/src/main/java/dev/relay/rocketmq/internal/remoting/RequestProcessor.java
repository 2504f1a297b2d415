package dev.relay.rocketmq.internal.remoting;

import dev.relay.rocketmq.internal.protocol.RemotingCommand;

/**
 * Answers requests a server sends on a connection the client opened (e.g. the broker's
 * CHECK_TRANSACTION_STATE). Called on the client's processor executor, never the I/O thread.
 */
@FunctionalInterface
public interface RequestProcessor {
    /**
     * @param address the server's {@code host:port}
     * @param request the request
     * @return the response to write back, or {@code null} for none (oneway requests)
     */
    RemotingCommand process(String address, RemotingCommand request);
}
