package dev.relay.nats.kv;

import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StreamInfo;
import dev.relay.nats.jetstream.StreamNotFoundException;
import java.util.List;

/** {@link KeyValueManagement} as stream management on {@code KV_<bucket>} streams. Thread-safe (stateless). */
final class RealKeyValueManagement implements KeyValueManagement {
    /** Every bucket's stream listens on a subject under this filter. */
    private static final String ALL_BUCKETS = "$KV.*.>";

    private final JetStream js;

    RealKeyValueManagement(JetStream js) {
        if (js == null) {
            throw new IllegalArgumentException("js: must not be null");
        }
        this.js = js;
    }

    @Override
    public KeyValue create(KeyValueConfig config) {
        StreamInfo info = js.management().addStream(config.toStreamConfig());
        return RealKeyValue.of(js, info.config());
    }

    @Override
    public KeyValue update(KeyValueConfig config) {
        try {
            StreamInfo info = js.management().updateStream(config.toStreamConfig());
            return RealKeyValue.of(js, info.config());
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(config.bucket(), e);
        }
    }

    @Override
    public KeyValueStatus status(String bucket) {
        try {
            return KeyValueStatus.of(js.management().streamInfo(Keys.STREAM_PREFIX + Keys.checkBucket(bucket)));
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }

    @Override
    public List<String> bucketNames() {
        return js.management().streamNames(ALL_BUCKETS).stream().filter(n -> n.startsWith(Keys.STREAM_PREFIX))
            .map(n -> n.substring(Keys.STREAM_PREFIX.length())).sorted().toList();
    }

    @Override
    public List<KeyValueStatus> statuses() {
        return js.management().streams(ALL_BUCKETS).stream().filter(i -> i.config().name().startsWith(Keys.STREAM_PREFIX))
            .map(KeyValueStatus::of).toList();
    }

    @Override
    public void delete(String bucket) {
        try {
            js.management().deleteStream(Keys.STREAM_PREFIX + Keys.checkBucket(bucket));
        } catch (StreamNotFoundException e) {
            throw new BucketNotFoundException(bucket, e);
        }
    }
}
