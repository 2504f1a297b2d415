package dev.relay.nats.kv;

import dev.relay.nats.NatsException;

/** The key has no value: it never had one, was deleted or purged, or the revision asked for is not this key's. */
public class KeyNotFoundException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String key;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket
     * @param key the key
     * @param detail what exactly was not found
     */
    public KeyNotFoundException(String bucket, String key, String detail) {
        super("key '" + key + "' in bucket '" + bucket + "': " + detail);
        this.key = key;
    }

    /**
     * Returns the key.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
