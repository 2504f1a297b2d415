package dev.relay.nats.objectstore;

import dev.relay.nats.NatsException;

/** The object store bucket does not exist (its stream {@code OBJ_<bucket>} is not there). */
public class ObjectStoreNotFoundException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String bucket;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket asked for
     * @param cause what the server answered
     */
    public ObjectStoreNotFoundException(String bucket, Throwable cause) {
        super("object store bucket '" + bucket + "' does not exist; create it first (relay obj add " + bucket + ")", cause);
        this.bucket = bucket;
    }

    /**
     * Returns the bucket asked for.
     *
     * @return the bucket asked for
     */
    public String bucket() {
        return bucket;
    }
}
