package dev.relay.nats.objectstore;

import java.time.Instant;
import java.util.Objects;

/**
 * What a bucket records about one object: its meta plus where its chunks are and what they add up to.
 * Immutable.
 *
 * @param meta the writer's meta
 * @param bucket the bucket holding the object
 * @param nuid the id of the object's chunk subject
 * @param size the size in bytes
 * @param modified when the server stored this meta (the time of the meta message)
 * @param chunks how many chunks
 * @param digest {@code SHA-256=} and the base64url of the SHA-256 of the content; empty for a link or deleted object
 * @param deleted whether the object was deleted
 */
public record ObjectInfo(ObjectMeta meta, String bucket, String nuid, long size, Instant modified, long chunks,
                         String digest, boolean deleted) {
    /** Checks that no component is null. */
    public ObjectInfo {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(nuid, "nuid");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Returns the object's name.
     *
     * @return the object's name
     */
    public String name() {
        return meta.name();
    }

    /**
     * Tells whether this object is a link to another object or bucket.
     *
     * @return whether this object is a link to another object or bucket
     */
    public boolean isLink() {
        return meta.link().isPresent();
    }

    ObjectInfo withMeta(ObjectMeta m) {
        return new ObjectInfo(m, bucket, nuid, size, modified, chunks, digest, deleted);
    }

    ObjectInfo asDeleted() {
        return new ObjectInfo(meta, bucket, nuid, 0, modified, 0, "", true);
    }

    ObjectInfo withModified(Instant t) {
        return new ObjectInfo(meta, bucket, nuid, size, t, chunks, digest, deleted);
    }
}
