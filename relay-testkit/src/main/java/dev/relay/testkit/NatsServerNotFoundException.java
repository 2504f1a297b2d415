package dev.relay.testkit;

/**
 * Thrown when no nats-server binary can be found; tests may turn it into a skipped assumption.
 * Thread-safe (immutable).
 */
public final class NatsServerNotFoundException extends NatsServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where was searched and how to install the server
     */
    public NatsServerNotFoundException(String message) {
        super(message);
    }
}
