package dev.relay.nats.kv;

import dev.relay.nats.Headers;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JetStreamApiException;
import dev.relay.nats.jetstream.MessageNotFoundException;
import dev.relay.nats.jetstream.PublishOptions;
import dev.relay.nats.jetstream.PurgeOptions;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.nats.jetstream.StreamNotFoundException;
import dev.relay.nats.jetstream.WrongLastSequenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link KeyValue} over the public JetStream API: writes are publishes to {@code $KV.<bucket>.<key>} with
 * the ADR-8 headers, reads are (direct) last-by-subject gets, listings and watches are ordered consumers.
 * Thread-safe: the only state is what the bucket's stream said when bound.
 */
final class RealKeyValue implements KeyValue {
    /** The server's error code for a message over the stream's max message size. */
    private static final int MESSAGE_TOO_LARGE = 10054;
    private static final byte[] EMPTY = new byte[0];
    /** How long a listing waits for a message the server said was pending (a reconnect may come between). */
    private static final Duration SCAN_WAIT = Duration.ofSeconds(10);

    private final JetStream js;
    private final String bucket;
    private final String stream;
    private final String prefix;
    private final boolean direct;
    private final long maxValueSize;

    private RealKeyValue(JetStream js, String bucket, StreamConfig config) {
        this.js = js;
        this.bucket = bucket;
        this.stream = config.name();
        this.prefix = Keys.subjectPrefix(bucket);
        this.direct = config.allowDirect();
        this.maxValueSize = config.maxMessageSize();
    }

    static RealKeyValue bind(JetStream js, String bucket) {
        Keys.checkBucket(bucket);
        try {
            return new RealKeyValue(js, bucket, js.management().streamInfo(Keys.STREAM_PREFIX + bucket).config());
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    static RealKeyValue of(JetStream js, StreamConfig config) {
        return new RealKeyValue(js, config.name().substring(Keys.STREAM_PREFIX.length()), config);
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public KeyValueEntry get(String key) {
        KeyValueEntry e = last(Keys.checkKey(key));
        if (e.operation() != KeyValueOperation.PUT) {
            throw new KeyNotFoundException(bucket, key, "deleted at revision " + e.revision());
        }
        return e;
    }

    /** The latest entry of a key, markers included. */
    private KeyValueEntry last(String key) {
        String subject = prefix + key;
        try {
            StoredMessage m = direct ? js.management().getLastMessageDirect(stream, subject)
                : js.management().getLastMessage(stream, subject);
            return Keys.entry(bucket, m);
        } catch (MessageNotFoundException e) {
            throw new KeyNotFoundException(bucket, key, "no value");
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    @Override
    public KeyValueEntry get(String key, long revision) {
        Keys.checkKey(key);
        if (revision < 1) {
            throw new IllegalArgumentException("revision: must be 1 or more, got " + revision);
        }
        StoredMessage m;
        try {
            m = direct ? js.management().getMessageDirect(stream, revision) : js.management().getMessage(stream, revision);
        } catch (MessageNotFoundException e) {
            throw new KeyNotFoundException(bucket, key, "no revision " + revision);
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
        if (!m.subject().equals(prefix + key)) {
            throw new KeyNotFoundException(bucket, key, "revision " + revision + " belongs to another key");
        }
        KeyValueEntry e = Keys.entry(bucket, m);
        if (e.operation() != KeyValueOperation.PUT) {
            throw new KeyNotFoundException(bucket, key, "revision " + revision + " is a " + e.operation() + " marker");
        }
        return e;
    }

    @Override
    public long put(String key, byte[] value) {
        return write(Keys.checkKey(key), null, checkSize(key, value), PublishOptions.NONE, -1);
    }

    @Override
    public long create(String key, byte[] value) {
        Keys.checkKey(key);
        checkSize(key, value);
        try {
            return update(key, value, 0);
        } catch (WrongLastRevisionException e) {
            KeyValueEntry latest;
            try {
                latest = last(key);
            } catch (KeyNotFoundException gone) {
                throw new KeyExistsException(bucket, key, e);
            }
            if (latest.operation() == KeyValueOperation.PUT) {
                throw new KeyExistsException(bucket, key, e);
            }
            try {
                return update(key, value, latest.revision());
            } catch (WrongLastRevisionException raced) {
                throw new KeyExistsException(bucket, key, raced);
            }
        }
    }

    @Override
    public long create(String key, byte[] value, Duration ttl) {
        Keys.checkKey(key);
        checkSize(key, value);
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ttl: must be at least one second, got " + ttl);
        }
        Keys.requireServer(js.connection().serverInfo().version(), Keys.TTL_HEADER, 2, 11);
        Headers h = Headers.of(Keys.TTL_HEADER, ttl.toMillis() + "ms");
        try {
            return write(key, h, value, expect(0), 0);
        } catch (WrongLastRevisionException e) {
            throw new KeyExistsException(bucket, key, e);
        }
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        Keys.checkKey(key);
        checkRevision(expectedRevision);
        return write(key, null, checkSize(key, value), expect(expectedRevision), expectedRevision);
    }

    @Override
    public long delete(String key) {
        return marker(Keys.checkKey(key), KeyValueOperation.DELETE, PublishOptions.NONE, -1);
    }

    @Override
    public long delete(String key, long expectedRevision) {
        Keys.checkKey(key);
        checkRevision(expectedRevision);
        return marker(key, KeyValueOperation.DELETE, expect(expectedRevision), expectedRevision);
    }

    @Override
    public long purge(String key) {
        return marker(Keys.checkKey(key), KeyValueOperation.PURGE, PublishOptions.NONE, -1);
    }

    private long marker(String key, KeyValueOperation op, PublishOptions options, long expectedRevision) {
        Headers h = Headers.of(Keys.OPERATION_HEADER, op.headerValue());
        if (op == KeyValueOperation.PURGE) {
            h.put(Keys.ROLLUP_HEADER, Keys.ROLLUP_SUBJECT);
        }
        return write(key, h, EMPTY, options, expectedRevision);
    }

    private static PublishOptions expect(long revision) {
        return PublishOptions.builder().expectedLastSubjectSequence(revision).build();
    }

    private static void checkRevision(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("expectedRevision: must be 0 (no value yet) or more, got " + revision);
        }
    }

    private byte[] checkSize(String key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value: must not be null (use delete to remove a key)");
        }
        if (maxValueSize > 0 && value.length > maxValueSize) {
            throw new ValueTooLargeException(bucket, key, value.length, maxValueSize);
        }
        return value;
    }

    private long write(String key, Headers headers, byte[] value, PublishOptions options, long expectedRevision) {
        try {
            return js.publish(prefix + key, headers, value, options).sequence();
        } catch (WrongLastSequenceException e) {
            throw new WrongLastRevisionException("key '" + key + "' in bucket '" + bucket + "' is not at revision "
                + expectedRevision + " any more: " + e.description(), key, expectedRevision, e);
        } catch (JetStreamApiException e) {
            if (e.apiErrorCode() == MESSAGE_TOO_LARGE) {
                throw new ValueTooLargeException(bucket, key, value.length, maxValueSize);
            }
            throw e;
        }
    }

    @Override
    public int purgeDeletes(Duration olderThan) {
        Instant limit = olderThan.isZero() || olderThan.isNegative() ? null : Instant.now().minus(olderThan);
        List<KeyValueEntry> markers = new ArrayList<>();
        try (Scan scan = scan(">", true, true)) {
            scan.forEachRemaining(e -> {
                if (e.operation() != KeyValueOperation.PUT) {
                    markers.add(e);
                }
            });
        }
        for (KeyValueEntry m : markers) {
            long keep = limit != null && m.created().isAfter(limit) ? 1 : 0;
            js.management().purgeStream(stream, PurgeOptions.subject(prefix + m.key()).keep(keep));
        }
        return markers.size();
    }

    @Override
    public Stream<String> keys(String filter) {
        Scan scan = scan(Keys.checkFilter(filter), true, true);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(scan, Spliterator.ORDERED | Spliterator.NONNULL),
                false).filter(e -> e.operation() == KeyValueOperation.PUT).map(KeyValueEntry::key)
            .onClose(scan::close);
    }

    @Override
    public List<KeyValueEntry> history(String key) {
        List<KeyValueEntry> all = new ArrayList<>();
        try (Scan scan = scan(Keys.checkKey(key), false, false)) {
            scan.forEachRemaining(all::add);
        }
        if (all.isEmpty()) {
            throw new KeyNotFoundException(bucket, key, "nothing stored");
        }
        return all;
    }

    private Scan scan(String filter, boolean lastPerSubject, boolean headersOnly) {
        try {
            return Scan.open(js, bucket, prefix + filter, lastPerSubject, headersOnly, SCAN_WAIT);
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    @Override
    public KeyWatcher watch(String filter, WatchOptions options, KeyValueWatchHandler handler) {
        Keys.checkFilter(filter);
        if (options == null || handler == null) {
            throw new IllegalArgumentException("options, handler: must not be null");
        }
        try {
            return RealKeyWatcher.start(js, bucket, prefix + filter, options, handler);
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    @Override
    public KeyValueStatus status() {
        try {
            return KeyValueStatus.of(js.management().streamInfo(stream));
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    @Override
    public String toString() {
        return "KeyValue[" + bucket + "]";
    }
}
