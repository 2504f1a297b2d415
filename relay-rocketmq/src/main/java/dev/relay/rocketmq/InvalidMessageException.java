package dev.relay.rocketmq;

/** A message, topic, tag or argument breaks a rule; thrown before anything is sent. */
public class InvalidMessageException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public InvalidMessageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }

}
