package dev.relay.nats;

/**
 * The server refused the connection's credentials ({@code Authorization Violation}, an expired or
 * revoked user), at connect time or later. {@link #serverMessage()} holds the server's text.
 */
public class AuthenticationException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's error text, verbatim
     */
    public AuthenticationException(String serverMessage) {
        super("authentication failed: the server said '" + serverMessage + "'", serverMessage);
    }
}
