package dev.relay.nats.jetstream;

/** Where a new consumer starts in its stream. On the wire each constant is its name in lower case. */
public enum DeliverPolicy {
    /** From the first message. */
    ALL,
    /** From the last message. */
    LAST,
    /** Only messages stored after the consumer was created. */
    NEW,
    /** From the consumer's start sequence. */
    BY_START_SEQUENCE,
    /** From the first message at or after the consumer's start time. */
    BY_START_TIME,
    /** The last message of every subject, then new ones. */
    LAST_PER_SUBJECT;
}
