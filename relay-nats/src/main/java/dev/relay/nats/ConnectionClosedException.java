package dev.relay.nats;

/**
 * The connection (or the subscription, or the dispatcher) was closed or is draining, so the
 * operation was refused or abandoned.
 */
public class ConnectionClosedException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
