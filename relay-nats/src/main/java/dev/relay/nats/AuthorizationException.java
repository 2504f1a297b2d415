package dev.relay.nats;

/**
 * The server refused a publish or subscribe for lack of permission ("Permissions Violation"). The
 * connection stays open; the server's text is in the message verbatim.
 */
public class AuthorizationException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public AuthorizationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
