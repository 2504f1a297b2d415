package dev.relay.nats.service;

import java.time.Duration;
import java.util.Objects;

/**
 * One endpoint's counters as a service's STATS response reports them (ADR-32 {@code EndpointStats}).
 * Immutable.
 *
 * @param name the endpoint's name
 * @param subject the subject it listens on
 * @param queueGroup its queue group, or the empty string when it has none
 * @param requests requests received
 * @param errors error responses sent and handler exceptions
 * @param lastError the latest error as {@code code:description}, or the empty string
 * @param processingTime the time spent in the handler, all requests together
 * @param averageProcessingTime {@code processingTime / requests} (zero without requests)
 * @param data the custom data of the {@link StatsDataHandler} as JSON text, or the empty string
 */
public record EndpointStats(String name, String subject, String queueGroup, long requests, long errors,
                            String lastError, Duration processingTime, Duration averageProcessingTime,
                            String data) {

    /** Checks for nulls. */
    public EndpointStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(queueGroup, "queueGroup");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(processingTime, "processingTime");
        Objects.requireNonNull(averageProcessingTime, "averageProcessingTime");
        Objects.requireNonNull(data, "data");
    }
}
