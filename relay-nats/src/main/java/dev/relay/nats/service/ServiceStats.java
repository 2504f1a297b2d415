package dev.relay.nats.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service's answer to {@code $SRV.STATS} ({@value #TYPE}): its counters per endpoint. Immutable.
 *
 * @param name the service's name
 * @param id the unique id of this instance
 * @param version its semantic version
 * @param metadata free-form metadata, never null
 * @param started when the service started (or its stats were last reset)
 * @param endpoints the counters of each endpoint
 */
public record ServiceStats(String name, String id, String version, Map<String, String> metadata,
                           Instant started, List<EndpointStats> endpoints) {

    /** The {@code type} field of the JSON. */
    public static final String TYPE = "io.nats.micro.v1.stats_response";

    /** Copies the collections and checks for nulls. */
    public ServiceStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(started, "started");
        metadata = Map.copyOf(metadata);
        endpoints = List.copyOf(endpoints);
    }
}
