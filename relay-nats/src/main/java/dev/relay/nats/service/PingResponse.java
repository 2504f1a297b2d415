package dev.relay.nats.service;

import java.util.Map;
import java.util.Objects;

/**
 * A service's answer to {@code $SRV.PING} ({@value #TYPE}): who it is. Immutable.
 *
 * @param name the service's name (its kind)
 * @param id the unique id of this instance
 * @param version its semantic version
 * @param metadata free-form metadata, never null
 */
public record PingResponse(String name, String id, String version, Map<String, String> metadata) {

    /** The {@code type} field of the JSON. */
    public static final String TYPE = "io.nats.micro.v1.ping_response";

    /** Copies the metadata and checks for nulls. */
    public PingResponse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        metadata = Map.copyOf(metadata);
    }
}
