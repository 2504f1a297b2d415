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

    /**
     * Creates the exception with what the client knows about why, e.g. that the user JWT it sent had
     * expired (nats-server 2.9 answers an expired JWT at connect with a bare {@code Authorization Violation}).
     *
     * @param serverMessage the server's error text, verbatim
     * @param clientHint the client's explanation, for people; never a secret
     */
    public AuthenticationException(String serverMessage, String clientHint) {
        super("authentication failed: the server said '" + serverMessage + "': " + clientHint, serverMessage);
    }
}
