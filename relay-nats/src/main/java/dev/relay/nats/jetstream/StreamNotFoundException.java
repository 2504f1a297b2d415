package dev.relay.nats.jetstream;

/** The stream named in a request does not exist ({@value JetStreamApiException#STREAM_NOT_FOUND}). */
public class StreamNotFoundException extends JetStreamApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code
     * @param apiErrorCode the JetStream error code
     * @param description the server's text
     */
    public StreamNotFoundException(int status, int apiErrorCode, String description) {
        super(status, apiErrorCode, description);
    }
}
