package dev.relay.nats.objectstore;

import dev.relay.nats.NatsException;

/** A rename or a link would replace an existing object that is not a link. */
public class ObjectAlreadyExistsException extends NatsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket
     * @param name the name already taken
     */
    public ObjectAlreadyExistsException(String bucket, String name) {
        super("object '" + name + "' already exists in bucket '" + bucket + "'");
    }
}
