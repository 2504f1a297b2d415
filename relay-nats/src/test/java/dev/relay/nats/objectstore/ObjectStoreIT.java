package dev.relay.nats.objectstore;

import static dev.relay.nats.objectstore.ObjClients.digestOf;
import static dev.relay.nats.objectstore.ObjClients.memoryBucket;
import static dev.relay.nats.objectstore.ObjClients.random;
import static dev.relay.nats.objectstore.ObjClients.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.Compression;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JetStreamUnsupportedException;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object Store puts, reads, infos, deletes, meta updates, links and sealing against a real server. */
@NatsTest
@NatsServerOptions(jetStream = true)
class ObjectStoreIT {
    private static final int CHUNK = 64 * 1024;

    @Test
    void objectsOfEverySizeAreReadBackByteIdentical(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStore os = memoryBucket(nc, "sizes");
            int[] sizes = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 10 * CHUNK + 123};
            for (int size : sizes) {
                byte[] data = random(size, size);
                ObjectMeta meta = ObjectMeta.builder("obj-" + size).chunkSize(CHUNK).description("size " + size)
                    .header("Content-Type", "application/octet-stream").metadata("origin", "test").build();
                ObjectInfo put = os.put(meta, new ByteArrayInputStream(data));
                assertThat(put.size()).isEqualTo(size);
                assertThat(put.chunks()).isEqualTo((size + CHUNK - 1) / CHUNK);
                assertThat(put.digest()).isEqualTo(digestOf(data));
                assertThat(readAll(os.get("obj-" + size))).as("size %d", size).isEqualTo(data);
                ObjectInfo info = os.info("obj-" + size);
                assertThat(info.meta()).isEqualTo(meta);
                assertThat(info.digest()).isEqualTo(digestOf(data));
                assertThat(info.nuid()).hasSize(22);
            }
            assertThat(os.list()).hasSize(sizes.length);
            assertThat(os.status().bytes()).isGreaterThan(10L * CHUNK);
        }
    }

    @Test
    void replacingAnObjectPurgesTheOldChunksAndDeleteRemovesThem(NatsServer server, @TempDir Path dir) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            ObjectStore os = memoryBucket(nc, "replace");
            Path file = dir.resolve("f.bin");
            byte[] first = random(300_000, 1);
            Files.write(file, first);
            ObjectInfo a = os.put("f", file);
            assertThat(readAll(os.get("f"))).isEqualTo(first);
            byte[] second = random(5, 2);
            ObjectInfo b = os.put("f", second);
            assertThat(b.nuid()).isNotEqualTo(a.nuid());
            assertThat(readAll(os.get("f"))).isEqualTo(second);
            String stream = "OBJ_" + os.bucket();
            assertThat(js.management().streamInfo(stream, "$O." + os.bucket() + ".C.>").state().subjects())
                .containsOnlyKeys("$O." + os.bucket() + ".C." + b.nuid());

            ObjectInfo deleted = os.delete("f");
            assertThat(deleted.deleted()).isTrue();
            assertThatThrownBy(() -> os.get("f")).isInstanceOf(ObjectNotFoundException.class);
            assertThatThrownBy(() -> os.info("f")).isInstanceOf(ObjectNotFoundException.class);
            assertThat(os.info("f", true).deleted()).isTrue();
            assertThat(os.list()).isEmpty();
            assertThat(js.management().streamInfo(stream, "$O." + os.bucket() + ".C.>").state().subjects()).isEmpty();
            assertThatThrownBy(() -> os.delete("never")).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    void metaIsUpdatedAndRenamed(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStore os = memoryBucket(nc, "meta");
            byte[] data = random(1000, 3);
            os.put("old", data);
            os.put("taken", new byte[1]);
            assertThatThrownBy(() -> os.updateMeta("old", ObjectMeta.of("taken")))
                .isInstanceOf(ObjectAlreadyExistsException.class);
            ObjectInfo u = os.updateMeta("old", ObjectMeta.builder("new").description("renamed").metadata("v", "2").build());
            assertThat(u.meta().description()).isEqualTo("renamed");
            assertThatThrownBy(() -> os.info("old")).isInstanceOf(ObjectNotFoundException.class);
            assertThat(os.info("new").meta().metadata()).containsEntry("v", "2");
            assertThat(readAll(os.get("new"))).isEqualTo(data);
            assertThat(os.list()).extracting(ObjectInfo::name).containsExactlyInAnyOrder("new", "taken");
        }
    }

    @Test
    void linksAreFollowed(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStore os = memoryBucket(nc, "links");
            ObjectStore other = memoryBucket(nc, "target");
            byte[] data = random(70_000, 4);
            ObjectInfo target = other.put("t", data);
            ObjectInfo local = os.put("local", new byte[] {7});
            ObjectInfo link = os.addLink("to-t", target);
            assertThat(link.isLink()).isTrue();
            assertThat(readAll(os.get("to-t"))).isEqualTo(data);
            os.addLink("to-local", local);
            assertThat(readAll(os.get("to-local"))).containsExactly(7);
            os.addBucketLink("whole", other.bucket());
            assertThat(os.info("whole").meta().link().orElseThrow().isBucketLink()).isTrue();
            assertThatThrownBy(() -> os.get("whole")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("whole bucket");
            assertThatThrownBy(() -> os.addLink("chain", link)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> os.addLink("local", target)).isInstanceOf(ObjectAlreadyExistsException.class);
            os.addLink("to-t", local);
            assertThat(readAll(os.get("to-t"))).containsExactly(7);
        }
    }

    @Test
    void sealedBucketsAreReadOnlyAndBucketsAreManaged(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            ObjectStoreManagement osm = ObjectStoreManagement.of(js);
            String name = JsClients.unique("sealme");
            ObjectStore os = osm.create(ObjectStoreConfig.builder(name).description("d").storage(StorageType.MEMORY).build());
            os.put("a", new byte[] {1, 2});
            os.seal();
            assertThat(os.status().sealed()).isTrue();
            assertThatThrownBy(() -> os.put("b", new byte[] {3})).isInstanceOf(RuntimeException.class);
            assertThat(readAll(os.get("a"))).containsExactly(1, 2);
            assertThat(osm.bucketNames()).contains(name);
            assertThat(osm.statuses()).extracting(ObjectStoreStatus::bucket).contains(name);
            assertThat(osm.status(name).config().description()).isEqualTo("d");
            osm.delete(name);
            assertThatThrownBy(() -> ObjectStore.of(js, name)).isInstanceOf(ObjectStoreNotFoundException.class);
            assertThatThrownBy(() -> ObjectMeta.of("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ObjectStoreConfig.builder("a.b").build()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void compressedBucketsWorkOnTheCurrentServer(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStoreManagement osm = ObjectStoreManagement.of(JetStream.of(nc));
            ObjectStore os = osm.create(ObjectStoreConfig.builder(JsClients.unique("zipped"))
                .storage(StorageType.MEMORY).compression(Compression.S2).build());
            os.put("a", new byte[] {1, 2, 3});
            assertThat(readAll(os.get("a"))).containsExactly(1, 2, 3);
            assertThat(os.status().config().compression()).isEqualTo(Compression.S2);
        }
    }

    @Test
    @NatsServerOptions(version = "2.9")
    void compressionNeedsNats210(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStoreManagement osm = ObjectStoreManagement.of(JetStream.of(nc));
            String name = JsClients.unique("c");
            assertThatThrownBy(() -> osm.create(ObjectStoreConfig.builder(name).compression(Compression.S2).build()))
                .isInstanceOf(JetStreamUnsupportedException.class)
                .hasMessageContaining("compression").hasMessageContaining("2.10").hasMessageContaining("2.9.10");
            assertThat(osm.bucketNames()).doesNotContain(name);
        }
    }

    @Test
    void aFailedReadLeavesNoObjectAndNoChunks(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            ObjectStore os = memoryBucket(nc, "failing");
            InputStream failing = new SequenceInputStream(new ByteArrayInputStream(random(300_000, 6)), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk gone on purpose");
                }
            });
            assertThatThrownBy(() -> os.put(ObjectMeta.of("broken"), failing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("reading the object's content failed");
            assertThatThrownBy(() -> os.info("broken")).isInstanceOf(ObjectNotFoundException.class);
            assertThat(js.management().streamInfo("OBJ_" + os.bucket()).state().messages()).isZero();
        }
    }

    @Test
    void aCorruptedChunkIsDetected(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            ObjectStore os = memoryBucket(nc, "corrupt");
            byte[] data = random(3 * 1024, 5);
            ObjectInfo info = os.put(ObjectMeta.builder("c").chunkSize(1024).build(), new ByteArrayInputStream(data));
            String stream = "OBJ_" + os.bucket();
            String chunks = "$O." + os.bucket() + ".C." + info.nuid();
            long second = js.management().getNextMessage(stream, js.management().getLastMessage(stream, chunks)
                .sequence() - 1, chunks).sequence();
            js.management().deleteMessage(stream, second);
            byte[] changed = java.util.Arrays.copyOfRange(data, 1024, 2048);
            changed[10] ^= 1;
            js.publish(chunks, changed);
            assertThatThrownBy(() -> readAll(os.get("c"))).isInstanceOf(ObjectDigestMismatchException.class)
                .hasMessageContaining("digest");
            List<ObjectInfo> all = os.list();
            assertThat(all).hasSize(1);
        }
    }
}
