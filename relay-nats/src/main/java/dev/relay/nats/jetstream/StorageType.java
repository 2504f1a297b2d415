package dev.relay.nats.jetstream;

/** Where a stream keeps its messages. On the wire each constant is its name in lower case. */
public enum StorageType {
    /** On disk; survives a server restart. */
    FILE,
    /** In memory; lost on restart, faster. */
    MEMORY;
}
