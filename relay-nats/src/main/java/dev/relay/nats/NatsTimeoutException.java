package dev.relay.nats;

/**
 * An operation did not complete within its timeout: a request without a reply in time, a flush
 * without the server's PONG, a {@code nextMessage} with nothing to deliver. Retriable.
 */
public class NatsTimeoutException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public NatsTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public NatsTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
