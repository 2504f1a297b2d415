package dev.relay.nats;

/**
 * A publish while disconnected did not fit into the reconnect buffer (or the buffer is disabled).
 * Nothing of this message was kept; everything accepted before it is kept and sent, in order, after
 * the reconnect. Retriable.
 */
public class ReconnectBufferOverflowException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public ReconnectBufferOverflowException(String message) {
        super(message);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
