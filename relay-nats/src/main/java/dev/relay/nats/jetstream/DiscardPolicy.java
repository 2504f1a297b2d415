package dev.relay.nats.jetstream;

/** What a stream does when a limit is reached. On the wire each constant is its name in lower case. */
public enum DiscardPolicy {
    /** Remove the oldest messages to make room. */
    OLD,
    /** Refuse new messages. */
    NEW;
}
