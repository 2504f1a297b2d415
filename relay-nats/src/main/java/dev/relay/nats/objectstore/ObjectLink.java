package dev.relay.nats.objectstore;

import java.util.Objects;

/**
 * Where a link object points: another object (in this or another bucket), or a whole bucket. Immutable.
 *
 * @param bucket the bucket linked to
 * @param name the object linked to; empty for a link to the whole bucket
 */
public record ObjectLink(String bucket, String name) {
    /** Checks the bucket name. */
    public ObjectLink {
        Names.checkBucket(bucket);
        Objects.requireNonNull(name, "name");
    }

    /**
     * Tells whether this link names a whole bucket rather than one object.
     *
     * @return whether this link names a whole bucket rather than one object
     */
    public boolean isBucketLink() {
        return name.isEmpty();
    }
}
