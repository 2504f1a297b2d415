package dev.relay.nats.jetstream;

/** A publish expected another last sequence (of the stream or of its subject) than the stream has ({@value JetStreamApiException#WRONG_LAST_SEQUENCE}). */
public class WrongLastSequenceException extends JetStreamApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code
     * @param apiErrorCode the JetStream error code
     * @param description the server's text
     */
    public WrongLastSequenceException(int status, int apiErrorCode, String description) {
        super(status, apiErrorCode, description);
    }
}
