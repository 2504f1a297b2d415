package dev.relay.rocketmq;

/** No name server knows a route for the topic (and auto-creation through the default topic is not possible). */
public class NoRouteException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public NoRouteException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public NoRouteException(String message, Throwable cause) {
        super(message, cause);
    }

}
