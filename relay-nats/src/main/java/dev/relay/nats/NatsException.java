package dev.relay.nats;

/**
 * Root of every exception Relay's NATS client throws. Unchecked: callers catch the specific subtypes
 * they can act on ({@link NatsTimeoutException}, {@link NoRespondersException}, …) and let the rest
 * propagate.
 */
public class NatsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public NatsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for people
     * @param cause the underlying failure
     */
    public NatsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether trying the same operation again may succeed without changing anything (a timeout, a
     * lost connection), as opposed to a permanent failure (bad input, no permission).
     *
     * @return true when a retry is worth it
     */
    public boolean isRetriable() {
        return false;
    }
}
