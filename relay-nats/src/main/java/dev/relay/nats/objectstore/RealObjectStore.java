package dev.relay.nats.objectstore;

import dev.relay.nats.Headers;
import dev.relay.nats.NatsException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.MessageNotFoundException;
import dev.relay.nats.jetstream.OrderedConsumer;
import dev.relay.nats.jetstream.PublishOptions;
import dev.relay.nats.jetstream.PurgeOptions;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.StreamNotFoundException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectStore} over the public JetStream API, following ADR-20 and nats.go step for step: chunks on a
 * fresh {@code $O.<bucket>.C.<nuid>} subject, then the meta JSON with a subject rollup on
 * {@code $O.<bucket>.M.<base64url(name)>}, then the purge of the replaced object's chunks. Thread-safe
 * (no mutable state).
 */
final class RealObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(RealObjectStore.class);
    private static final Duration LIST_WAIT = Duration.ofSeconds(10);

    private final JetStream js;
    private final String bucket;
    private final String stream;
    private final boolean direct;

    RealObjectStore(JetStream js, String bucket, boolean direct) {
        this.js = js;
        this.bucket = bucket;
        this.stream = Names.stream(bucket);
        this.direct = direct;
    }

    static RealObjectStore bind(JetStream js, String bucket) {
        Names.checkBucket(bucket);
        try {
            return new RealObjectStore(js, bucket, js.management().streamInfo(Names.stream(bucket)).config().allowDirect());
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public ObjectInfo put(ObjectMeta meta, InputStream in) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(in, "in");
        if (meta.link().isPresent()) {
            throw new IllegalArgumentException("meta: a put cannot carry a link; use addLink");
        }
        ObjectInfo existing = find(meta.name(), true);
        String nuid = Names.nuid();
        String chunks = Names.chunkSubject(bucket, nuid);
        ChunkWriter writer = new ChunkWriter(js, chunks, meta.chunkSize());
        ObjectInfo info;
        try {
            writer.writeAll(in);
            info = new ObjectInfo(meta, bucket, nuid, writer.size(), Instant.now(), writer.chunks(), writer.digest(), false);
            publishMeta(info);
        } catch (RuntimeException e) {
            purgeQuietly(writer, chunks);
            throw e;
        }
        if (existing != null && !existing.deleted() && !existing.nuid().isEmpty()) {
            purge(Names.chunkSubject(bucket, existing.nuid()));
        }
        return info;
    }

    private void purgeQuietly(ChunkWriter writer, String chunks) {
        try {
            writer.drain();
        } catch (NatsException e) {
            // the put already failed and that failure is what the caller sees; what matters now is removing
            // what did arrive
            LOG.debug("waiting for the chunk acks of a failed put on {}: {}", chunks, e.toString());
        }
        try {
            purge(chunks);
        } catch (NatsException e) {
            LOG.warn("could not purge the chunks of a failed put on {}: {}", chunks, e.toString());
        }
    }

    private void publishMeta(ObjectInfo info) {
        Headers h = Headers.of(Names.ROLLUP_HEADER, Names.ROLLUP_SUBJECT);
        js.publish(Names.metaSubject(bucket, info.name()), h, ObjectJson.write(info), PublishOptions.NONE);
    }

    private void purge(String subject) {
        js.management().purgeStream(stream, PurgeOptions.subject(subject));
    }

    @Override
    public InputStream get(String name) {
        ObjectInfo info = info(name);
        if (info.isLink()) {
            ObjectLink link = info.meta().link().orElseThrow();
            if (link.isBucketLink()) {
                throw new ObjectNotFoundException(bucket, name, "is a link to the whole bucket '" + link.bucket()
                    + "', which has no content of its own");
            }
            ObjectStore target = link.bucket().equals(bucket) ? this : ObjectStore.of(js, link.bucket());
            return target.get(link.name());
        }
        return new ObjectReader(js, stream, info);
    }

    @Override
    public ObjectInfo info(String name) {
        return info(name, false);
    }

    @Override
    public ObjectInfo info(String name, boolean includeDeleted) {
        ObjectInfo info = find(name, includeDeleted);
        if (info == null) {
            throw new ObjectNotFoundException(bucket, name, "no such object");
        }
        return info;
    }

    /** The object's info, or null when there is none (or it is deleted and those are not wanted). */
    private ObjectInfo find(String name, boolean includeDeleted) {
        Names.checkObjectName(name);
        StoredMessage m;
        try {
            String subject = Names.metaSubject(bucket, name);
            m = direct ? js.management().getLastMessageDirect(stream, subject)
                : js.management().getLastMessage(stream, subject);
        } catch (MessageNotFoundException e) {
            return null;
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
        ObjectInfo info = ObjectJson.read(m.data(), m.time());
        return info.deleted() && !includeDeleted ? null : info;
    }

    @Override
    public List<ObjectInfo> list() {
        List<ObjectInfo> all = new ArrayList<>();
        try (OrderedConsumer oc = metaConsumer(DeliverPolicy.LAST_PER_SUBJECT)) {
            if (oc != null) {
                while (true) {
                    var m = oc.next(LIST_WAIT);
                    ObjectInfo info = ObjectJson.read(m.data(), m.metadata().timestamp());
                    if (!info.deleted()) {
                        all.add(info);
                    }
                    if (m.metadata().pending() == 0) {
                        break;
                    }
                }
            }
        }
        return all;
    }

    /** An ordered consumer over every meta subject, or null when there is no meta at all. */
    private OrderedConsumer metaConsumer(DeliverPolicy policy) {
        try {
            js.management().getLastMessage(stream, Names.allMeta(bucket));
        } catch (MessageNotFoundException e) {
            return null;
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
        return js.orderedConsumer(stream, ConsumerConfig.builder().filterSubject(Names.allMeta(bucket))
            .deliverPolicy(policy).build());
    }

    @Override
    public ObjectInfo delete(String name) {
        ObjectInfo info = info(name, true).asDeleted();
        publishMeta(info);
        purge(Names.chunkSubject(bucket, info.nuid()));
        return info.withModified(Instant.now());
    }

    @Override
    public ObjectInfo updateMeta(String name, ObjectMeta meta) {
        Objects.requireNonNull(meta, "meta");
        ObjectInfo info = info(name);
        boolean rename = !name.equals(meta.name());
        if (rename) {
            ObjectInfo other = find(meta.name(), false);
            if (other != null) {
                throw new ObjectAlreadyExistsException(bucket, meta.name());
            }
        }
        ObjectMeta.Builder b = meta.toBuilder().chunkSize(info.meta().chunkSize()).link(info.meta().link().orElse(null));
        ObjectInfo updated = info.withMeta(b.build());
        publishMeta(updated);
        if (rename) {
            purge(Names.metaSubject(bucket, name));
        }
        return updated.withModified(Instant.now());
    }

    @Override
    public ObjectInfo addLink(String name, ObjectInfo target) {
        Objects.requireNonNull(target, "target");
        if (target.deleted()) {
            throw new IllegalArgumentException("target: '" + target.name() + "' is deleted; a link needs a live object");
        }
        if (target.isLink()) {
            throw new IllegalArgumentException("target: '" + target.name() + "' is itself a link; links do not chain");
        }
        return link(name, new ObjectLink(target.bucket(), target.name()));
    }

    @Override
    public ObjectInfo addBucketLink(String name, String targetBucket) {
        return link(name, new ObjectLink(targetBucket, ""));
    }

    private ObjectInfo link(String name, ObjectLink link) {
        ObjectInfo existing = find(name, false);
        if (existing != null && !existing.isLink()) {
            throw new ObjectAlreadyExistsException(bucket, name);
        }
        ObjectMeta meta = ObjectMeta.builder(name).link(link).build();
        ObjectInfo info = new ObjectInfo(meta, bucket, Names.nuid(), 0, Instant.now(), 0, "", false);
        publishMeta(info);
        return info;
    }

    @Override
    public void seal() {
        try {
            var cfg = js.management().streamInfo(stream).config();
            // a sealed stream takes no deletes, purges or rollups: the server switches those off itself
            js.management().updateStream(cfg.toBuilder().sealed(true).denyDelete(true).denyPurge(true)
                .allowRollup(false).build());
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }

    @Override
    public ObjectWatcher watch(ObjectWatchOptions options, ObjectWatchHandler handler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        try {
            return RealObjectWatcher.start(js, bucket, options, handler);
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }

    @Override
    public ObjectStoreStatus status() {
        try {
            return ObjectStoreStatus.of(js.management().streamInfo(stream));
        } catch (StreamNotFoundException e) {
            throw new ObjectStoreNotFoundException(bucket, e);
        }
    }

    @Override
    public String toString() {
        return "ObjectStore[" + bucket + "]";
    }
}
