package dev.relay.nats.objectstore;

import dev.relay.nats.NatsException;

/**
 * What was read back does not match the object's recorded size or SHA-256 digest: a chunk is missing,
 * extra, reordered or changed. Thrown by the stream returned from {@code get} when the mismatch shows.
 */
public class ObjectDigestMismatchException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param message what differs
     * @param expected the recorded digest or size
     * @param actual what was read
     */
    public ObjectDigestMismatchException(String message, String expected, String actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Returns the recorded digest (or size).
     *
     * @return the recorded digest (or size)
     */
    public String expected() {
        return expected;
    }

    /**
     * Returns the digest (or size) of what was read.
     *
     * @return the digest (or size) of what was read
     */
    public String actual() {
        return actual;
    }
}
