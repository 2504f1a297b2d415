package dev.relay.nats.service;

import java.util.Map;
import java.util.Objects;

/**
 * One endpoint as a service's INFO response describes it (ADR-32 {@code EndpointInfo}). Immutable.
 *
 * @param name the endpoint's name
 * @param subject the subject it listens on, group prefixes included
 * @param queueGroup its queue group, or the empty string when it has none
 * @param metadata free-form metadata, never null
 */
public record EndpointInfo(String name, String subject, String queueGroup, Map<String, String> metadata) {

    /** Copies the metadata and checks for nulls. */
    public EndpointInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(queueGroup, "queueGroup");
        metadata = Map.copyOf(metadata);
    }
}
