package dev.relay.nats;

/**
 * A subject, reply subject or queue group name breaks the NATS rules (empty, whitespace, empty
 * token, misplaced wildcard). Thrown before anything is written; the connection stays usable.
 */
public class InvalidSubjectException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public InvalidSubjectException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public InvalidSubjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
