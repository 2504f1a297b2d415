package dev.relay.nats.jetstream;

/** How fast a consumer replays stored messages. On the wire each constant is its name in lower case. */
public enum ReplayPolicy {
    /** As fast as the consumer takes them. */
    INSTANT,
    /** At the pace they were originally stored. */
    ORIGINAL;
}
