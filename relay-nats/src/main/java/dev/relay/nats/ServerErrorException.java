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
        super("server error: " + serverMessage);
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
