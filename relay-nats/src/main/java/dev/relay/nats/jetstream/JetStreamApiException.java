package dev.relay.nats.jetstream;

import dev.relay.nats.NatsException;

/**
 * The JetStream API refused a request and said why: an HTTP-like {@link #status()} (400, 404, 500, 503),
 * the JetStream {@link #apiErrorCode()} that names the exact reason (e.g. {@value #STREAM_NOT_FOUND}) and
 * the server's {@link #description()}. Common reasons have subclasses ({@link StreamNotFoundException},
 * {@link ConsumerNotFoundException}, {@link WrongLastSequenceException}, …); compare
 * {@link #apiErrorCode()} with the constants here for the rest.
 */
public class JetStreamApiException extends NatsException {
    private static final long serialVersionUID = 1L;

    /** Consumer not found. */
    public static final int CONSUMER_NOT_FOUND = 10014;
    /** Consumer name already in use with another configuration. */
    public static final int CONSUMER_NAME_EXISTS = 10013;
    /** No message found (get message, purge). */
    public static final int NO_MESSAGE_FOUND = 10037;
    /** JetStream is not enabled for the account. */
    public static final int NOT_ENABLED_FOR_ACCOUNT = 10039;
    /** Stream name already in use with another configuration. */
    public static final int STREAM_NAME_IN_USE = 10058;
    /** Stream not found. */
    public static final int STREAM_NOT_FOUND = 10059;
    /** The expected stream header did not match the stream that took the message. */
    public static final int STREAM_NOT_MATCH = 10060;
    /** Wrong last message id for an expected-last-message-id publish. */
    public static final int WRONG_LAST_MSG_ID = 10070;
    /** Wrong last sequence for an expected-last-sequence (or last-subject-sequence) publish. */
    public static final int WRONG_LAST_SEQUENCE = 10071;
    /** JetStream is not enabled on the server. */
    public static final int NOT_ENABLED = 10076;

    private final int status;
    private final int apiErrorCode;
    private final String description;

    /**
     * Creates the exception from the parts of the API's {@code error} object.
     *
     * @param status the HTTP-like code ({@code code})
     * @param apiErrorCode the JetStream error code ({@code err_code}), 0 when the server sent none
     * @param description the server's text
     */
    public JetStreamApiException(int status, int apiErrorCode, String description) {
        super("JetStream API error " + status + (apiErrorCode != 0 ? " [" + apiErrorCode + "]" : "") + ": " + description);
        this.status = status;
        this.apiErrorCode = apiErrorCode;
        this.description = description;
    }

    /**
     * The HTTP-like status of the error ({@code code} in the API's JSON), e.g. 404.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The same as {@link #status()}, under the name other NATS clients use.
     *
     * @return the status
     */
    public int errorCode() {
        return status;
    }

    /**
     * The JetStream error code ({@code err_code}) that names the exact reason, e.g. 10059.
     *
     * @return the code, or 0 when the server sent none
     */
    public int apiErrorCode() {
        return apiErrorCode;
    }

    /**
     * The server's description of the error, verbatim.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    @Override
    public boolean isRetriable() {
        return status >= 500;
    }
}
