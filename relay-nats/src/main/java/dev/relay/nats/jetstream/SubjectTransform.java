package dev.relay.nats.jetstream;

import java.util.Objects;

/**
 * A subject mapping applied to messages as a stream stores them (server 2.10 and later). Immutable.
 *
 * @param source subject filter, e.g. {@code orders.*}
 * @param destination mapped subject, e.g. {@code eu.orders.{{wildcard(1)}}}
 */
public record SubjectTransform(String source, String destination) {
    /** Checks the parts. */
    public SubjectTransform {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
