package dev.relay.nats.jetstream;

/** No message matched a get-message request ({@value JetStreamApiException#NO_MESSAGE_FOUND}, or a 404 from a direct get). */
public class MessageNotFoundException extends JetStreamApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code
     * @param apiErrorCode the JetStream error code
     * @param description the server's text
     */
    public MessageNotFoundException(int status, int apiErrorCode, String description) {
        super(status, apiErrorCode, description);
    }
}
