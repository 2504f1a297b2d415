package dev.relay.nats.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service's answer to {@code $SRV.INFO} ({@value #TYPE}): who it is and its endpoints. Immutable.
 *
 * @param name the service's name
 * @param id the unique id of this instance
 * @param version its semantic version
 * @param metadata free-form metadata, never null
 * @param description what it does, possibly empty
 * @param endpoints its endpoints, in the order they were added
 */
public record ServiceInfo(String name, String id, String version, Map<String, String> metadata,
                          String description, List<EndpointInfo> endpoints) {

    /** The {@code type} field of the JSON. */
    public static final String TYPE = "io.nats.micro.v1.info_response";

    /** Copies the collections and checks for nulls. */
    public ServiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        metadata = Map.copyOf(metadata);
        endpoints = List.copyOf(endpoints);
    }
}
