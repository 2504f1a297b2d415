package dev.relay.nats;

/**
 * A request was sent to a subject that no subscriber listens on: the server answered at once with
 * status 503 instead of letting the request time out. Retriable (a responder may appear).
 */
public class NoRespondersException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public NoRespondersException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public NoRespondersException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
