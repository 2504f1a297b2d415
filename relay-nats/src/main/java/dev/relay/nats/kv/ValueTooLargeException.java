package dev.relay.nats.kv;

import dev.relay.nats.NatsException;

/** A value is larger than the bucket's maximum value size; nothing was sent. */
public class ValueTooLargeException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long max;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket
     * @param key the key
     * @param size the value's size in bytes
     * @param max the bucket's maximum value size in bytes
     */
    public ValueTooLargeException(String bucket, String key, long size, long max) {
        super("value for key '" + key + "' is " + size + " bytes; bucket '" + bucket + "' allows at most " + max);
        this.size = size;
        this.max = max;
    }

    /**
     * Returns the value's size in bytes.
     *
     * @return the value's size in bytes
     */
    public long size() {
        return size;
    }

    /**
     * Returns the bucket's maximum value size in bytes.
     *
     * @return the bucket's maximum value size in bytes
     */
    public long max() {
        return max;
    }
}
