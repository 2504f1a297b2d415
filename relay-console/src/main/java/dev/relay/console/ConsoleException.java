package dev.relay.console;

/**
 * The console could not start or serve: its port is taken, its bind address does not exist, or its
 * resources are missing from the class path. Unchecked; the message says what to change.
 */
public class ConsoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do
     * @param cause the underlying failure, or null
     */
    public ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
