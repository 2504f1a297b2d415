package dev.relay.nats.jetstream;

/**
 * A running continuous consumption ({@link PullConsumer#consume}, or the {@link MessageIterable} of
 * {@link PullConsumer#iterate}). Closing it stops requesting; the message being handled finishes first.
 * Thread-safe.
 */
public interface ConsumeContext extends AutoCloseable {
    /**
     * Whether it is still consuming.
     *
     * @return true until closed
     */
    boolean isActive();

    /**
     * Messages handed to the handler so far.
     *
     * @return the count
     */
    long delivered();

    /** Stops consuming and waits (briefly) for the consumption thread to end. */
    @Override
    void close();
}
