package dev.relay.nats.kv;

import dev.relay.nats.NatsException;

/**
 * A compare-and-set write was refused: the key's latest revision is not the one expected (another
 * writer came first). Read the key again and retry with its revision.
 */
public class WrongLastRevisionException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final long expectedRevision;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param key the key written
     * @param expectedRevision the revision the write expected (0: that the key had none)
     * @param cause what the server answered
     */
    public WrongLastRevisionException(String message, String key, long expectedRevision, Throwable cause) {
        super(message, cause);
        this.key = key;
        this.expectedRevision = expectedRevision;
    }

    /**
     * Returns the key written.
     *
     * @return the key written
     */
    public String key() {
        return key;
    }

    /**
     * Returns the revision the write expected, 0 for "no value yet".
     *
     * @return the revision the write expected, 0 for "no value yet"
     */
    public long expectedRevision() {
        return expectedRevision;
    }
}
