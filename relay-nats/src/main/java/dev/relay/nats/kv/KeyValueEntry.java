package dev.relay.nats.kv;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a key in a bucket. Immutable (the value array is not copied: do not change it).
 *
 * @param bucket the bucket name
 * @param key the key
 * @param value the value; empty for a delete or purge marker, and in a watch that asked for metadata only
 * @param revision the revision: the sequence of the message in the bucket's stream
 * @param created when the server stored this revision
 * @param delta how many newer messages the watch or listing that produced this entry still had to
 *     deliver (0 for the latest, and for entries read with {@code get})
 * @param operation put, delete or purge
 */
public record KeyValueEntry(String bucket, String key, byte[] value, long revision, Instant created, long delta,
                            KeyValueOperation operation) {
    /** Checks that no component is null. */
    public KeyValueEntry {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(operation, "operation");
    }

    /**
     * The value as UTF-8 text.
     *
     * @return the text
     */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KeyValueEntry[" + bucket + "/" + key + " rev " + revision + " " + operation + ", " + value.length
            + " bytes]";
    }
}
