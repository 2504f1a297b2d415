package dev.relay.nats.jetstream;

/** A stream of that name already exists with another configuration ({@value JetStreamApiException#STREAM_NAME_IN_USE}). */
public class StreamNameInUseException extends JetStreamApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code
     * @param apiErrorCode the JetStream error code
     * @param description the server's text
     */
    public StreamNameInUseException(int status, int apiErrorCode, String description) {
        super(status, apiErrorCode, description);
    }
}
