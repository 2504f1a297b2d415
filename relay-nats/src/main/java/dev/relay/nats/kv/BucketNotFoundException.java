package dev.relay.nats.kv;

import dev.relay.nats.NatsException;

/** The Key-Value bucket does not exist (its stream {@code KV_<bucket>} is not there). */
public class BucketNotFoundException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final String bucket;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket that was asked for
     * @param cause what the server answered
     */
    public BucketNotFoundException(String bucket, Throwable cause) {
        super("Key-Value bucket '" + bucket + "' does not exist; create it first (relay kv add " + bucket + ")", cause);
        this.bucket = bucket;
    }

    /**
     * Returns the bucket that was asked for.
     *
     * @return the bucket that was asked for
     */
    public String bucket() {
        return bucket;
    }
}
