package dev.relay.nats.service;

import dev.relay.nats.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A NATS micro service (ADR-32): named, versioned endpoints served through queue subscriptions, which
 * answer discovery and monitoring requests on {@code $SRV.PING|INFO|STATS}, {@code $SRV.VERB.NAME}
 * and {@code $SRV.VERB.NAME.ID}. Many services may share one connection. Thread-safe.
 *
 * <pre>{@code
 * Service calc = Service.builder(nc)
 *     .name("calc").version("1.0.0").description("adds numbers")
 *     .endpoint("add", req -> req.respond(add(req.dataAsString())))
 *     .group("calc.admin", g -> g.endpoint("reset", req -> req.respond("ok")))
 *     .start();
 * ...
 * calc.stop().join();      // drains the endpoints: requests already received are still answered
 * }</pre>
 */
public interface Service {

    /**
     * Starts building a service on a connection.
     *
     * @param nc the connection the service subscribes and answers on
     * @return the builder
     */
    static ServiceBuilder builder(Connection nc) {
        return new ServiceBuilder(nc);
    }

    /**
     * The unique id of this instance, made when the service was built.
     *
     * @return the id
     */
    String id();

    /**
     * The service's name (its kind, shared by all instances).
     *
     * @return the name
     */
    String name();

    /**
     * The service's semantic version.
     *
     * @return the version
     */
    String version();

    /**
     * The service's description, possibly empty.
     *
     * @return the description
     */
    String description();

    /**
     * The service's metadata.
     *
     * @return the metadata, never null
     */
    Map<String, String> metadata();

    /**
     * The endpoints, in the order they were added.
     *
     * @return the endpoints as INFO describes them
     */
    List<EndpointInfo> endpoints();

    /**
     * Adds an endpoint at the service's top level; on a running service it is subscribed before this
     * returns (one flush).
     *
     * @param endpoint the endpoint
     * @return this service
     * @throws IllegalStateException if the service was stopped
     */
    Service addEndpoint(Endpoint endpoint);

    /**
     * Adds a group of endpoints whose subjects start with {@code name.}; on a running service they are
     * subscribed before this returns.
     *
     * @param name the prefix: one or more subject tokens, no {@code >}
     * @param body adds the group's endpoints and nested groups
     * @return this service
     * @throws IllegalStateException if the service was stopped
     */
    Service addGroup(String name, java.util.function.Consumer<Group> body);

    /**
     * Subscribes the endpoints and the discovery subjects. Blocks until the server has them (one flush).
     *
     * @return this service
     * @throws IllegalStateException if it was started before
     * @throws dev.relay.nats.NatsException if subscribing failed (nothing is left subscribed)
     */
    Service start();

    /**
     * Stops the service: removes interest on every subject, lets requests already received finish
     * (draining the endpoint subscriptions, bounded by the builder's drain timeout), then completes
     * {@link #done()}. Does not block and may be called from a handler; calling it again does nothing.
     *
     * @return {@link #done()}
     */
    CompletableFuture<Void> stop();

    /**
     * Stops the service because of an error: like {@link #stop()}, but {@link #done()} completes
     * exceptionally with {@code cause}.
     *
     * @param cause why the service stopped
     * @return {@link #done()}
     */
    CompletableFuture<Void> stop(Throwable cause);

    /**
     * Completes when the service has stopped and its subscriptions are gone; completes exceptionally
     * with the cause given to {@link #stop(Throwable)}, or with a {@code ConnectionClosedException} when
     * the service's connection closed under it.
     *
     * @return the future
     */
    CompletableFuture<Void> done();

    /**
     * Whether {@link #stop()} was called.
     *
     * @return true once stopping or stopped
     */
    boolean isStopped();

    /** Sets every endpoint's counters to zero and the {@code started} time to now. */
    void reset();

    /**
     * What a PING answers.
     *
     * @return the ping response
     */
    PingResponse ping();

    /**
     * What an INFO request answers.
     *
     * @return the info
     */
    ServiceInfo info();

    /**
     * What a STATS request answers: the counters now, with the custom data of the stats handler.
     *
     * @return the stats
     */
    ServiceStats stats();
}
