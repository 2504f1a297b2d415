package dev.relay.nats.jetstream;

/** When a stream may remove messages besides its limits. On the wire each constant is its name in lower case. */
public enum RetentionPolicy {
    /** Keep messages until a limit (count, bytes, age) removes them. */
    LIMITS,
    /** Keep messages while a consumer has not yet acknowledged them. */
    INTEREST,
    /** Remove each message once one consumer acknowledged it. */
    WORKQUEUE;
}
