package dev.relay.nats;

/**
 * The server refused the connection's credentials ("Authorization Violation" or an expired or
 * revoked user), at connect time or later.
 */
public class AuthenticationException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
