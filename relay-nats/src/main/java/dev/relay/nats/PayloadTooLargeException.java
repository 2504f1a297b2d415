package dev.relay.nats;

/**
 * A message is larger than the server's {@code max_payload} (from INFO). Thrown before anything is
 * written; the connection stays usable.
 */
public class PayloadTooLargeException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public PayloadTooLargeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
