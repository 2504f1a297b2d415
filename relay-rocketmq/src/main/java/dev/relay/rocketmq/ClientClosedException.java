package dev.relay.rocketmq;

/** The producer, admin or consumer was used before start() or after shutdown(). */
public class ClientClosedException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ClientClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public ClientClosedException(String message, Throwable cause) {
        super(message, cause);
    }

}
