package dev.relay.nats.service;

/**
 * Supplies the custom {@code data} of an endpoint's stats (ADR-32 {@code statsHandler}); called on the
 * thread that answers a STATS request or calls {@link Service#stats()}. Must be thread-safe.
 */
@FunctionalInterface
public interface StatsDataHandler {

    /**
     * The custom data of one endpoint, as JSON text.
     *
     * @param endpoint the endpoint whose stats are being built
     * @return a JSON value (object, array, string, number…); text that is not JSON is logged and left out
     */
    String statsData(EndpointInfo endpoint);
}
