package dev.relay.nats.kv;

/** {@code create} was refused because the key already has a value. */
public class KeyExistsException extends WrongLastRevisionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param bucket the bucket
     * @param key the key
     * @param cause what the server answered
     */
    public KeyExistsException(String bucket, String key, Throwable cause) {
        super("key '" + key + "' in bucket '" + bucket + "' already has a value", key, 0, cause);
    }
}
