package dev.relay.rocketmq;

/** The peer sent bytes that break the remoting protocol. */
public class RocketMqProtocolException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RocketMqProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public RocketMqProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

}
