package dev.relay.nats.jetstream;

/** How a consumer expects messages to be acknowledged. On the wire each constant is its name in lower case. */
public enum AckPolicy {
    /** No acknowledgement; delivered counts as done. */
    NONE,
    /** Acknowledging one message acknowledges all before it. */
    ALL,
    /** Every message is acknowledged on its own. */
    EXPLICIT;
}
