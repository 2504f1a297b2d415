package dev.relay.nats.objectstore;

import dev.relay.nats.NatsException;

/** The bucket has no such object, or it was deleted. */
public class ObjectNotFoundException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String name;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket
     * @param name the object's name
     * @param detail what exactly is missing
     */
    public ObjectNotFoundException(String bucket, String name, String detail) {
        super("object '" + name + "' in bucket '" + bucket + "': " + detail);
        this.name = name;
    }

    /**
     * Returns the object's name.
     *
     * @return the object's name
     */
    public String name() {
        return name;
    }
}
