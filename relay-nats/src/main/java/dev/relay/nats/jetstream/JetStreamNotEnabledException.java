package dev.relay.nats.jetstream;

/** JetStream is not enabled on the server or for the account: the API did not answer (no responders) or said so ({@value JetStreamApiException#NOT_ENABLED}, {@value JetStreamApiException#NOT_ENABLED_FOR_ACCOUNT}). */
public class JetStreamNotEnabledException extends JetStreamApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code
     * @param apiErrorCode the JetStream error code
     * @param description the server's text
     */
    public JetStreamNotEnabledException(int status, int apiErrorCode, String description) {
        super(status, apiErrorCode, description);
    }
}
