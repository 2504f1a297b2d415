package dev.relay.nats;

/**
 * The server reported an error with {@code -ERR}. {@link #serverMessage()} holds the server's text
 * verbatim (without the quotes), e.g. {@code Maximum Payload Violation}.
 */
public class ServerErrorException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String serverMessage;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's error text, verbatim
     */
    public ServerErrorException(String serverMessage) {
        this("server error: " + serverMessage, serverMessage);
    }

    /**
     * Creates the exception with a message of its own.
     *
     * @param message what went wrong, for people
     * @param serverMessage the server's error text, verbatim
     */
    protected ServerErrorException(String message, String serverMessage) {
        super(message);
        this.serverMessage = serverMessage;
    }

    /**
     * The server's error text, exactly as sent after {@code -ERR}, quotes removed.
     *
     * @return the server's text
     */
    public String serverMessage() {
        return serverMessage;
    }
}
