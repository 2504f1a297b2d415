package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.remoting.RemotingClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to the name servers with failover: the one that answered last is tried first, then
 * each other in turn when one cannot be reached or times out. Thread-safe.
 */
final class NameServerClient {
    private static final Logger LOG = LoggerFactory.getLogger(NameServerClient.class);

    private final List<String> addresses;
    private final RemotingClient remoting;
    private final Duration timeout;
    private final AtomicInteger current = new AtomicInteger();

    NameServerClient(List<String> addresses, RemotingClient remoting, Duration timeout) {
        this.addresses = List.copyOf(addresses);
        this.remoting = remoting;
        this.timeout = timeout;
    }

    /**
     * @param request a fresh request (copied for each attempt)
     * @return the first response any name server gives, whatever its code
     * @throws RocketMqException the last transport failure when none answered
     */
    RemotingCommand call(RemotingCommand request) {
        int start = current.get();
        RocketMqException last = null;
        for (int i = 0; i < addresses.size(); i++) {
            int index = (start + i) % addresses.size();
            String address = addresses.get(index);
            try {
                RemotingCommand response = remoting.invoke(address, copy(request), timeout).join();
                current.set(index);
                return response;
            } catch (RuntimeException e) {
                last = ResponseErrors.unwrap(e);
                if (!last.isRetriable()) {
                    throw last;
                }
                LOG.debug("name server {} failed ({}); trying the next", address, last.getMessage());
            }
        }
        throw last;
    }

    private static RemotingCommand copy(RemotingCommand request) {
        RemotingCommand c = RemotingCommand.request(request.code()).body(request.body());
        c.extFields().putAll(request.extFields());
        return c;
    }
}
