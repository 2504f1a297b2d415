package dev.relay.nats.objectstore;

import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StreamInfo;
import dev.relay.nats.jetstream.StreamNotFoundException;
import java.util.List;
import java.util.Objects;

/** {@link ObjectStoreManagement} as stream management on {@code OBJ_<bucket>} streams. Thread-safe (stateless). */
final class RealObjectStoreManagement implements ObjectStoreManagement {
    private static final String ALL_BUCKETS = "$O.*.M.>";

    private final JetStream js;

    RealObjectStoreManagement(JetStream js) {
        this.js = Objects.requireNonNull(js, "js");
    }

    @Override
    public ObjectStore create(ObjectStoreConfig config) {
        StreamInfo info = js.management().addStream(config.toStreamConfig());
        return new RealObjectStore(js, config.bucket(), info.config().allowDirect());
    }

    @Override
    public ObjectStoreStatus status(String bucket) {
        try {
            return ObjectStoreStatus.of(js.management().streamInfo(Names.stream(Names.checkBucket(bucket))));
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }

    @Override
    public List<String> bucketNames() {
        return js.management().streamNames(ALL_BUCKETS).stream().filter(n -> n.startsWith(Names.STREAM_PREFIX))
            .map(n -> n.substring(Names.STREAM_PREFIX.length())).sorted().toList();
    }

    @Override
    public List<ObjectStoreStatus> statuses() {
        return js.management().streams(ALL_BUCKETS).stream()
            .filter(i -> i.config().name().startsWith(Names.STREAM_PREFIX)).map(ObjectStoreStatus::of).toList();
    }

    @Override
    public void delete(String bucket) {
        try {
            js.management().deleteStream(Names.stream(Names.checkBucket(bucket)));
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }
}
