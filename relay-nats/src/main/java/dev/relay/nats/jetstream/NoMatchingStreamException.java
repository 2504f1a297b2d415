package dev.relay.nats.jetstream;

/**
 * No stream stores the subject a subscription by subject asked for (the {@code $JS.API.STREAM.NAMES}
 * lookup found none). A {@link StreamNotFoundException}, so code that handles a missing stream handles
 * this too.
 */
public class NoMatchingStreamException extends StreamNotFoundException {
    private static final long serialVersionUID = 1L;

    private final String subject;

    /**
     * Creates the exception.
     *
     * @param subject the subject no stream stores
     */
    public NoMatchingStreamException(String subject) {
        super(404, STREAM_NOT_FOUND, "no stream stores subject " + subject
            + ": add a stream for it, or check the subject and the JetStream domain");
        this.subject = subject;
    }

    /**
     * The subject that was looked up.
     *
     * @return the subject
     */
    public String subject() {
        return subject;
    }
}
