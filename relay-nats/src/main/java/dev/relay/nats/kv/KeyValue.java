package dev.relay.nats.kv;

import dev.relay.nats.jetstream.JetStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Key-Value bucket: values by key with revisions, compare-and-set writes, history and watches, stored
 * the way every NATS client stores them (ADR-8), so buckets are shared with nats.go, nats.js and the
 * {@code nats} CLI. Thread-safe; every method blocks for at most the JetStream request timeout unless it
 * says otherwise.
 *
 * <pre>{@code
 * KeyValue kv = KeyValue.of(js, "config");
 * long rev = kv.put("color", "blue");
 * kv.update("color", "red", rev);                 // throws WrongLastRevisionException if changed meanwhile
 * try (KeyWatcher w = kv.watch("color", WatchOptions.DEFAULTS, e -> apply(e))) { ... }
 * }</pre>
 */
public interface KeyValue {

    /**
     * Binds to an existing bucket.
     *
     * @param js the JetStream context
     * @param bucket the bucket name
     * @return the bucket
     * @throws BucketNotFoundException if there is no such bucket
     */
    static KeyValue of(JetStream js, String bucket) {
        return RealKeyValue.bind(js, bucket);
    }

    /**
     * Returns the bucket name.
     *
     * @return the bucket name
     */
    String bucket();

    /**
     * The latest value of a key.
     *
     * @param key the key
     * @return the entry
     * @throws KeyNotFoundException if the key has no value (never set, deleted or purged)
     */
    KeyValueEntry get(String key);

    /**
     * One revision of a key.
     *
     * @param key the key
     * @param revision the revision
     * @return the entry
     * @throws KeyNotFoundException if that revision is gone, is a marker, or belongs to another key
     */
    KeyValueEntry get(String key, long revision);

    /**
     * Sets a value.
     *
     * @param key the key
     * @param value the value
     * @return the new revision
     * @throws ValueTooLargeException if the value exceeds the bucket's maximum value size
     */
    long put(String key, byte[] value);

    /**
     * Sets a value given as text (UTF-8).
     *
     * @param key the key
     * @param value the value
     * @return the new revision
     */
    default long put(String key, String value) {
        return put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets a value only if the key has none (never set, or deleted or purged).
     *
     * @param key the key
     * @param value the value
     * @return the new revision
     * @throws KeyExistsException if the key has a value
     */
    long create(String key, byte[] value);

    /**
     * Sets a value only if the key has none, and lets the server remove it after {@code ttl} (a per-key
     * TTL, ADR-48). Needs nats-server 2.11 and a bucket created with limit markers (per-message TTLs
     * allowed), e.g. by the {@code nats} CLI.
     *
     * @param key the key
     * @param value the value
     * @param ttl how long the value lives; at least one second
     * @return the new revision
     * @throws dev.relay.nats.jetstream.JetStreamUnsupportedException on a server older than 2.11, before
     *     anything is sent
     * @throws KeyExistsException if the key has a value
     */
    long create(String key, byte[] value, Duration ttl);

    /**
     * Sets a value only if the key's latest revision is the one given (compare-and-set).
     *
     * @param key the key
     * @param value the value
     * @param expectedRevision the revision the caller last read
     * @return the new revision
     * @throws WrongLastRevisionException if the key changed since
     */
    long update(String key, byte[] value, long expectedRevision);

    /**
     * {@link #update(String, byte[], long)} with a text value (UTF-8).
     *
     * @param key the key
     * @param value the value
     * @param expectedRevision the revision the caller last read
     * @return the new revision
     */
    default long update(String key, String value, long expectedRevision) {
        return update(key, value.getBytes(StandardCharsets.UTF_8), expectedRevision);
    }

    /**
     * Deletes a key by writing a delete marker; earlier revisions stay in the history.
     *
     * @param key the key
     * @return the marker's revision
     */
    long delete(String key);

    /**
     * Deletes a key only if its latest revision is the one given.
     *
     * @param key the key
     * @param expectedRevision the revision the caller last read
     * @return the marker's revision
     * @throws WrongLastRevisionException if the key changed since
     */
    long delete(String key, long expectedRevision);

    /**
     * Purges a key: a purge marker replaces its whole history.
     *
     * @param key the key
     * @return the marker's revision
     */
    long purge(String key);

    /**
     * Removes delete and purge markers: those older than {@code olderThan} entirely, younger ones are kept
     * but what came before them goes. Zero or negative removes every marker. Blocks while it reads the
     * bucket's latest revisions.
     *
     * @param olderThan the age from which markers go entirely (nats.go uses 30 minutes)
     * @return how many keys were purged
     */
    int purgeDeletes(Duration olderThan);

    /**
     * Every key that has a value, streamed from the server: close the stream (try-with-resources) when
     * not reading it to the end. Blocks on each element while reading.
     *
     * @return the keys, in the order of their latest revisions
     */
    default Stream<String> keys() {
        return keys(">");
    }

    /**
     * Like {@link #keys()}, for the keys matching a filter ({@code *} for one token, a last {@code >}
     * for the rest).
     *
     * @param filter the filter
     * @return the keys
     */
    Stream<String> keys(String filter);

    /**
     * Every stored revision of a key, oldest first, markers included.
     *
     * @param key the key
     * @return the revisions
     * @throws KeyNotFoundException if nothing is stored for the key
     */
    List<KeyValueEntry> history(String key);

    /**
     * Watches keys matching a filter (a key, or {@code *} / {@code >} wildcards) on a thread of its own.
     *
     * @param filter the key or filter
     * @param options what to deliver
     * @param handler receives entries and the end of the initial values
     * @return the watch; close it to stop
     */
    KeyWatcher watch(String filter, WatchOptions options, KeyValueWatchHandler handler);

    /**
     * Watches every key.
     *
     * @param options what to deliver
     * @param handler receives entries and the end of the initial values
     * @return the watch; close it to stop
     */
    default KeyWatcher watchAll(WatchOptions options, KeyValueWatchHandler handler) {
        return watch(">", options, handler);
    }

    /**
     * The bucket's settings and size.
     *
     * @return the status
     */
    KeyValueStatus status();
}
