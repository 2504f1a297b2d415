package dev.relay.testkit;

/**
 * Unchecked failure to start, signal or stop a nats-server process. Start failures carry the tail
 * of the server log in the message. Thread-safe (immutable).
 */
public class NatsServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, including diagnostics such as the log tail
     */
    public NatsServerException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed
     * @param cause the underlying failure
     */
    public NatsServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
