package dev.relay.nats.service;

import dev.relay.nats.Durations;
import dev.relay.nats.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link Service}: its identity (name, semantic version, description, metadata), the default
 * queue group, endpoints and groups, the custom stats hook and the drain bound of {@code stop}.
 * Checks each value when it is given. Not thread-safe.
 */
public final class ServiceBuilder {
    private final Connection nc;
    private final List<Group.Entry> entries = new ArrayList<>();
    private final Group root = new Group("", null, entries);
    private String name;
    private String version;
    private String description = "";
    private Map<String, String> metadata = Map.of();
    private StatsDataHandler statsData;
    private Duration drainTimeout = Duration.ofSeconds(10);

    ServiceBuilder(Connection nc) {
        this.nc = Objects.requireNonNull(nc, "nc");
    }

    /**
     * The service's name (required): A-Z, a-z, 0-9, '-' and '_'.
     *
     * @param name the name
     * @return this builder
     * @throws IllegalArgumentException if it breaks the rule
     */
    public ServiceBuilder name(String name) {
        this.name = Validation.name("name", name);
        return this;
    }

    /**
     * The service's semantic version (required), e.g. {@code 1.0.0} or {@code 2.1.0-rc.1+build.5}.
     *
     * @param version the version
     * @return this builder
     * @throws IllegalArgumentException if it is not a semantic version
     */
    public ServiceBuilder version(String version) {
        this.version = Validation.version(version);
        return this;
    }

    /**
     * A description for people (default empty).
     *
     * @param description the text
     * @return this builder
     */
    public ServiceBuilder description(String description) {
        this.description = Objects.requireNonNull(description, "description");
        return this;
    }

    /**
     * Free-form metadata reported by PING, INFO and STATS.
     *
     * @param metadata keys and values, not null
     * @return this builder
     */
    public ServiceBuilder metadata(Map<String, String> metadata) {
        this.metadata = Validation.metadata(metadata);
        return this;
    }

    /**
     * The queue group of every endpoint that does not set its own (default {@code q}).
     *
     * @param queueGroup a non-empty name without whitespace
     * @return this builder
     */
    public ServiceBuilder queueGroup(String queueGroup) {
        root.queueGroup(queueGroup);
        return this;
    }

    /**
     * No queue group for endpoints that do not set their own: every instance gets every request.
     *
     * @return this builder
     */
    public ServiceBuilder noQueueGroup() {
        root.noQueueGroup();
        return this;
    }

    /**
     * The hook that adds custom {@code data} to each endpoint's stats.
     *
     * @param handler returns JSON text per endpoint
     * @return this builder
     */
    public ServiceBuilder statsData(StatsDataHandler handler) {
        this.statsData = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * How long {@link Service#stop()} lets each endpoint finish the requests it already received
     * (default 10 s).
     *
     * @param timeout must be positive
     * @return this builder
     */
    public ServiceBuilder drainTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout: must be positive, got " + Durations.format(timeout));
        }
        this.drainTimeout = timeout;
        return this;
    }

    /**
     * Adds an endpoint listening on its name.
     *
     * @param name the endpoint's name and subject
     * @param handler handles its requests
     * @return this builder
     */
    public ServiceBuilder endpoint(String name, ServiceHandler handler) {
        root.endpoint(name, handler);
        return this;
    }

    /**
     * Adds an endpoint with a subject other than its name.
     *
     * @param name the endpoint's name: A-Z, a-z, 0-9, '-' and '_'
     * @param subject the subject it listens on; wildcards allowed
     * @param handler handles its requests
     * @return this builder
     */
    public ServiceBuilder endpoint(String name, String subject, ServiceHandler handler) {
        root.endpoint(name, subject, handler);
        return this;
    }

    /**
     * Adds an endpoint.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public ServiceBuilder endpoint(Endpoint endpoint) {
        root.endpoint(endpoint);
        return this;
    }

    /**
     * Adds a group of endpoints whose subjects start with {@code name.}.
     *
     * @param name the prefix: one or more subject tokens, no {@code >}
     * @param body adds the group's endpoints and nested groups
     * @return this builder
     */
    public ServiceBuilder group(String name, Consumer<Group> body) {
        root.group(name, body);
        return this;
    }

    /**
     * Builds the service without starting it.
     *
     * @return the service; call {@link Service#start()}
     * @throws IllegalArgumentException if the name or version is missing
     */
    public Service build() {
        if (name == null) {
            throw new IllegalArgumentException("name: a service needs a name");
        }
        if (version == null) {
            throw new IllegalArgumentException("version: a service needs a semantic version, e.g. 1.0.0");
        }
        return new RealService(nc, new RealService.Identity(name, version, description, metadata),
            root.collectingInto(new ArrayList<>()), Group.resolve(entries), statsData, drainTimeout);
    }

    /**
     * Builds and starts the service.
     *
     * @return the running service
     */
    public Service start() {
        return build().start();
    }
}
