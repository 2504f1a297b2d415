package dev.relay.nats;

/**
 * No connection could be made: no server listening at the URL, a refused or reset socket, a
 * handshake that did not finish within the connect timeout. Retriable.
 */
public class ConnectionException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public ConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
