package dev.relay.nats.jetstream;

import java.time.Duration;

/**
 * The state of a stream's mirror or of one of its sources. Immutable.
 *
 * @param name the origin stream's name
 * @param lag messages not yet copied
 * @param active time since the origin was last heard from
 * @param error the last error copying from the origin, or ""
 */
public record StreamSourceInfo(String name, long lag, Duration active, String error) {
}
