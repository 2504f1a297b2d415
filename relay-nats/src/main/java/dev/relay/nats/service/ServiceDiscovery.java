package dev.relay.nats.service;

import dev.relay.nats.Durations;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Replies;
import dev.relay.nats.RequestManyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds running services and asks them for their info and stats: sends one request on
 * {@code $SRV.PING|INFO|STATS[.NAME[.ID]]} and gathers every answer that arrives within a wait window
 * (request-many), up to an optional maximum. Answers that are not valid ADR-32 JSON are logged and
 * skipped. Immutable; thread-safe; each call blocks for at most the wait window.
 *
 * <pre>{@code
 * ServiceDiscovery discovery = new ServiceDiscovery(nc, Duration.ofSeconds(1));
 * for (ServiceInfo s : discovery.info("calc")) {
 *     System.out.println(s.id() + " " + s.endpoints());
 * }
 * }</pre>
 */
public final class ServiceDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

    private final Connection nc;
    private final Duration wait;
    private final int maxResults;

    /**
     * A discovery client that gathers answers for {@code wait}, with no limit on their number.
     *
     * @param nc the connection
     * @param wait the wait window; must be positive
     */
    public ServiceDiscovery(Connection nc, Duration wait) {
        this(nc, wait, 0);
    }

    /**
     * A discovery client.
     *
     * @param nc the connection
     * @param wait the wait window; must be positive
     * @param maxResults stop once this many answers arrived; 0 for no limit
     * @throws IllegalArgumentException if the wait is not positive or maxResults negative
     */
    public ServiceDiscovery(Connection nc, Duration wait, int maxResults) {
        this.nc = Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(wait, "wait");
        if (wait.isZero() || wait.isNegative()) {
            throw new IllegalArgumentException("wait: must be positive, got " + Durations.format(wait));
        }
        if (maxResults < 0) {
            throw new IllegalArgumentException("maxResults: must be at least 1, or 0 for no limit; got " + maxResults);
        }
        this.wait = wait;
        this.maxResults = maxResults;
    }

    /**
     * Pings every service.
     *
     * @return one answer per running instance
     */
    public List<PingResponse> ping() {
        return gather("PING", null, ServiceJson::readPing, maxResults);
    }

    /**
     * Pings the instances of one service.
     *
     * @param name the service name
     * @return one answer per running instance of that name
     */
    public List<PingResponse> ping(String name) {
        return gather("PING", Validation.name("name", name), ServiceJson::readPing, maxResults);
    }

    /**
     * Pings one instance.
     *
     * @param name the service name
     * @param id the instance id
     * @return its answer, or empty if it did not answer within the wait
     */
    public Optional<PingResponse> ping(String name, String id) {
        return one("PING", name, id, ServiceJson::readPing);
    }

    /**
     * Asks every service for its info.
     *
     * @return one answer per running instance
     */
    public List<ServiceInfo> info() {
        return gather("INFO", null, ServiceJson::readInfo, maxResults);
    }

    /**
     * Asks the instances of one service for their info.
     *
     * @param name the service name
     * @return one answer per running instance of that name
     */
    public List<ServiceInfo> info(String name) {
        return gather("INFO", Validation.name("name", name), ServiceJson::readInfo, maxResults);
    }

    /**
     * Asks one instance for its info.
     *
     * @param name the service name
     * @param id the instance id
     * @return its answer, or empty if it did not answer within the wait
     */
    public Optional<ServiceInfo> info(String name, String id) {
        return one("INFO", name, id, ServiceJson::readInfo);
    }

    /**
     * Asks every service for its stats.
     *
     * @return one answer per running instance
     */
    public List<ServiceStats> stats() {
        return gather("STATS", null, ServiceJson::readStats, maxResults);
    }

    /**
     * Asks the instances of one service for their stats.
     *
     * @param name the service name
     * @return one answer per running instance of that name
     */
    public List<ServiceStats> stats(String name) {
        return gather("STATS", Validation.name("name", name), ServiceJson::readStats, maxResults);
    }

    /**
     * Asks one instance for its stats.
     *
     * @param name the service name
     * @param id the instance id
     * @return its answer, or empty if it did not answer within the wait
     */
    public Optional<ServiceStats> stats(String name, String id) {
        return one("STATS", name, id, ServiceJson::readStats);
    }

    private <T> Optional<T> one(String verb, String name, String id, Function<byte[], T> read) {
        String subject = Validation.name("name", name) + "." + Validation.name("id", id);
        return gather(verb, subject, read, 1).stream().findFirst();
    }

    private <T> List<T> gather(String verb, String suffix, Function<byte[], T> read, int max) {
        String subject = "$SRV." + verb + (suffix == null ? "" : "." + suffix);
        RequestManyOptions options = RequestManyOptions.builder().totalWait(wait).maxMessages(max).build();
        List<T> out = new ArrayList<>();
        try (Replies replies = nc.requestMany(subject, new byte[0], options)) {
            for (Message m : replies) {
                try {
                    out.add(read.apply(m.data()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping an answer on {} that is not an ADR-32 response: {}", subject, e.getMessage());
                }
            }
        }
        return out;
    }
}
