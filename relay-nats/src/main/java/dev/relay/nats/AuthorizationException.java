package dev.relay.nats;

/**
 * The server refused a publish or subscribe for lack of permission ({@code Permissions Violation}).
 * The connection stays open; {@link #serverMessage()} holds the server's text verbatim.
 */
public class AuthorizationException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's error text, verbatim
     */
    public AuthorizationException(String serverMessage) {
        super("not authorized: the server said '" + serverMessage + "'", serverMessage);
    }
}
