package dev.relay.rocketmq;

/** A name server or broker could not be reached, or the connection broke; the message names the address. Retriable. */
public class RocketMqConnectionException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RocketMqConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public RocketMqConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
