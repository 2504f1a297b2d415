package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.protocol.TopicRoute;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic routes fetched from the name servers (GET_ROUTEINFO_BY_TOPIC), cached until the next
 * {@link #refreshAll()}, and the broker-name → master-address book they imply. Reports each newly
 * seen broker address to a listener (the heartbeat sender). Thread-safe.
 */
final class RouteCache {
    private static final Logger LOG = LoggerFactory.getLogger(RouteCache.class);

    private final NameServerClient nameServers;
    private final Map<String, TopicRoute> routes = new ConcurrentHashMap<>();
    private final Map<String, String> masters = new ConcurrentHashMap<>();
    private final Consumer<String> newBroker;

    RouteCache(NameServerClient nameServers, Consumer<String> newBroker) {
        this.nameServers = nameServers;
        this.newBroker = newBroker;
    }

    /**
     * @param topic the topic
     * @return its route, from the cache or fetched now; empty if the topic does not exist
     */
    Optional<TopicRoute> route(String topic) {
        TopicRoute cached = routes.get(topic);
        return cached != null ? Optional.of(cached) : fetch(topic);
    }

    /**
     * Fetches a route now, replacing the cached one.
     *
     * @param topic the topic
     * @return the route, or empty if the topic does not exist (the cache entry is dropped)
     */
    Optional<TopicRoute> fetch(String topic) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
            .ext("topic", topic).ext("acceptStandardJsonOnly", true);
        RemotingCommand response = nameServers.call(request);
        if (response.code() == RequestCode.TOPIC_NOT_EXIST) {
            routes.remove(topic);
            return Optional.empty();
        }
        ResponseErrors.requireSuccess(response, "route of topic '" + topic + "'");
        TopicRoute route = TopicRoute.parse(response.body());
        routes.put(topic, route);
        for (TopicRoute.Broker b : route.brokers()) {
            String master = b.master();
            if (master != null && !master.equals(masters.put(b.brokerName(), master))) {
                newBroker.accept(master);
            }
        }
        return Optional.of(route);
    }

    /** Fetches every cached route again; a failure keeps the old route and is logged. */
    void refreshAll() {
        for (String topic : Set.copyOf(routes.keySet())) {
            try {
                fetch(topic);
            } catch (RuntimeException e) {
                LOG.warn("refreshing the route of {} failed: {}", topic, e.getMessage());
            }
        }
    }

    /**
     * @param brokerName a broker name seen in some route
     * @return its master's address or {@code null}
     */
    String masterOf(String brokerName) {
        return masters.get(brokerName);
    }

    /** @return every master address seen so far */
    Set<String> masterAddresses() {
        return Set.copyOf(masters.values());
    }
}
