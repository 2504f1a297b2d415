package dev.relay.rocketmq;

/**
 * Root of every exception Relay's RocketMQ client throws; unchecked. {@link #isRetriable()} tells
 * whether trying the same operation again may succeed (timeouts, lost connections, a busy broker).
 */
public class RocketMqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RocketMqException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public RocketMqException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return whether the same call may succeed if tried again; false unless a subtype says otherwise */
    public boolean isRetriable() {
        return false;
    }
}
