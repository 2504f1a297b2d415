package dev.relay.nats.objectstore;

import dev.relay.nats.jetstream.JetStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One object store bucket: named objects of any size stored as chunks with a SHA-256 digest, laid out as
 * every NATS client lays them out (ADR-20), so buckets are shared with nats.go, nats.js and the {@code nats}
 * CLI. Memory stays bounded by a few chunks whatever the object's size. Thread-safe; each method blocks
 * for the requests it makes (a put or a read for as long as the data takes).
 *
 * <pre>{@code
 * ObjectStore files = ObjectStore.of(js, "files");
 * files.put(ObjectMeta.of("report.pdf"), inputStream);
 * try (InputStream in = files.get("report.pdf")) { in.transferTo(out); }   // digest checked at the end
 * }</pre>
 */
public interface ObjectStore {

    /**
     * Binds to an existing bucket.
     *
     * @param js the JetStream context
     * @param bucket the bucket name
     * @return the bucket
     * @throws ObjectStoreNotFoundException if there is no such bucket
     */
    static ObjectStore of(JetStream js, String bucket) {
        return RealObjectStore.bind(js, bucket);
    }

    /**
     * Returns the bucket name.
     *
     * @return the bucket name
     */
    String bucket();

    /**
     * Stores an object read from a stream to its end, in chunks of the meta's chunk size, replacing any
     * object of the same name (whose chunks are purged once the new one is complete). The stream is not
     * closed.
     *
     * @param meta the object's meta (not a link)
     * @param in the content
     * @return the stored info
     * @throws UncheckedIOException if reading the stream fails (the chunks sent so far are purged)
     */
    ObjectInfo put(ObjectMeta meta, InputStream in);

    /**
     * Stores bytes as an object.
     *
     * @param name the object's name
     * @param data the content
     * @return the stored info
     */
    default ObjectInfo put(String name, byte[] data) {
        return put(ObjectMeta.of(name), new ByteArrayInputStream(data));
    }

    /**
     * Stores a file as an object, streamed.
     *
     * @param name the object's name
     * @param file the file
     * @return the stored info
     * @throws UncheckedIOException if the file cannot be read
     */
    default ObjectInfo put(String name, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(ObjectMeta.of(name), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Opens an object for reading, following a link to another object. The stream reads chunks as it
     * goes and, at the end, checks the size and the digest: a mismatch throws
     * {@link ObjectDigestMismatchException} from {@code read}. Close it when done.
     *
     * @param name the object's name
     * @return the content
     * @throws ObjectNotFoundException if there is no such object, it was deleted, or it links to a whole bucket
     */
    InputStream get(String name);

    /**
     * The info of an object.
     *
     * @param name the object's name
     * @return the info
     * @throws ObjectNotFoundException if there is no such object or it was deleted
     */
    ObjectInfo info(String name);

    /**
     * The info of an object, deleted ones included.
     *
     * @param name the object's name
     * @param includeDeleted also return deleted objects
     * @return the info
     * @throws ObjectNotFoundException if there is no such object
     */
    ObjectInfo info(String name, boolean includeDeleted);

    /**
     * Every object that is not deleted, in the order of their latest changes.
     *
     * @return the infos
     */
    List<ObjectInfo> list();

    /**
     * Deletes an object: its meta is marked deleted and its chunks are purged.
     *
     * @param name the object's name
     * @return the info as now recorded
     * @throws ObjectNotFoundException if there is no such object
     */
    ObjectInfo delete(String name);

    /**
     * Changes an object's name, description, headers or metadata (the content stays).
     *
     * @param name the object's current name
     * @param meta the new meta; its chunk size and link are ignored
     * @return the new info
     * @throws ObjectNotFoundException if there is no such object
     * @throws ObjectAlreadyExistsException if renaming onto another object
     */
    ObjectInfo updateMeta(String name, ObjectMeta meta);

    /**
     * Adds (or replaces) a link to an object.
     *
     * @param name the link's name
     * @param target the object linked to; not itself a link, not deleted
     * @return the link's info
     * @throws ObjectAlreadyExistsException if {@code name} is a regular object
     */
    ObjectInfo addLink(String name, ObjectInfo target);

    /**
     * Adds (or replaces) a link to a whole bucket.
     *
     * @param name the link's name
     * @param bucket the bucket linked to
     * @return the link's info
     * @throws ObjectAlreadyExistsException if {@code name} is a regular object
     */
    ObjectInfo addBucketLink(String name, String bucket);

    /** Seals the bucket: from now on it is read-only. */
    void seal();

    /**
     * Watches the bucket's object infos on a thread of its own.
     *
     * @param options what to deliver
     * @param handler receives the infos
     * @return the watch; close it to stop
     */
    ObjectWatcher watch(ObjectWatchOptions options, ObjectWatchHandler handler);

    /**
     * Returns the bucket's settings and size.
     *
     * @return the bucket's settings and size
     */
    ObjectStoreStatus status();
}
