package dev.relay.nats.jetstream;

import java.util.Objects;

/**
 * Republishing of stored messages to another subject (server 2.9 and later). Immutable.
 *
 * @param source subject filter of the messages to republish, e.g. {@code orders.>}
 * @param destination subject pattern to republish to, e.g. {@code copy.orders.>}
 * @param headersOnly republish only the headers (and the payload size), not the payload
 */
public record Republish(String source, String destination, boolean headersOnly) {
    /** Checks the parts. */
    public Republish {
        Objects.requireNonNull(source, "source");
        if (Objects.requireNonNull(destination, "destination").isEmpty()) {
            throw new IllegalArgumentException("destination: a republish needs a destination subject");
        }
    }
}
