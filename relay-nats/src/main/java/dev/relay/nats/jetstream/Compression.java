package dev.relay.nats.jetstream;

/** How a stream compresses stored messages (server 2.10 and later). On the wire each constant is its name in lower case. */
public enum Compression {
    /** No compression. */
    NONE,
    /** S2 compression. */
    S2;
}
