package dev.relay.nats.kv;

import static dev.relay.nats.jetstream.JsClients.unique;
import static dev.relay.nats.kv.KvClients.memoryBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import dev.relay.nats.jetstream.Compression;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JetStreamUnsupportedException;
import dev.relay.nats.jetstream.Republish;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Key-Value entry operation and bucket operation against a real server. */
@NatsTest
@NatsServerOptions(jetStream = true)
class KeyValueIT {

    @Test
    void putGetRevisionsAndStatus(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            KeyValue kv = KeyValueManagement.of(js).create(memoryBucket(unique("kv")).history(5).build());
            long r1 = kv.put("color", "blue");
            long r2 = kv.put("color", "red");
            kv.put("size", "L");
            assertThat(r2).isGreaterThan(r1);
            KeyValueEntry e = kv.get("color");
            assertThat(e.valueAsString()).isEqualTo("red");
            assertThat(e.revision()).isEqualTo(r2);
            assertThat(e.operation()).isEqualTo(KeyValueOperation.PUT);
            assertThat(e.bucket()).isEqualTo(kv.bucket());
            assertThat(kv.get("color", r1).valueAsString()).isEqualTo("blue");
            assertThatThrownBy(() -> kv.get("size", r1)).isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining("another key");
            assertThatThrownBy(() -> kv.get("missing")).isInstanceOf(KeyNotFoundException.class);
            KeyValueStatus st = kv.status();
            assertThat(st.values()).isEqualTo(3);
            assertThat(st.config().history()).isEqualTo(5);
            assertThat(st.backingStore()).isEqualTo("JetStream");
            assertThat(KeyValue.of(js, kv.bucket()).get("size").valueAsString()).isEqualTo("L");
        }
    }

    @Test
    void createOnlyWhenAbsentAlsoAfterADelete(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(memoryBucket(unique("kv")).history(3).build());
            long r = kv.create("k", bytes("v1"));
            assertThatThrownBy(() -> kv.create("k", bytes("v2"))).isInstanceOf(KeyExistsException.class)
                .isInstanceOf(WrongLastRevisionException.class);
            kv.delete("k");
            long r2 = kv.create("k", bytes("v3"));
            assertThat(r2).isGreaterThan(r);
            assertThat(kv.get("k").valueAsString()).isEqualTo("v3");
            kv.purge("k");
            kv.create("k", bytes("v4"));
            assertThat(kv.get("k").valueAsString()).isEqualTo("v4");
        }
    }

    @Test
    void updateIsCompareAndSet(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(memoryBucket(unique("kv")).build());
            long r1 = kv.put("counter", "1");
            long r2 = kv.update("counter", "2", r1);
            assertThatThrownBy(() -> kv.update("counter", "3", r1)).isInstanceOf(WrongLastRevisionException.class)
                .satisfies(ex -> assertThat(((WrongLastRevisionException) ex).expectedRevision()).isEqualTo(r1));
            assertThat(kv.get("counter").valueAsString()).isEqualTo("2");
            assertThatThrownBy(() -> kv.delete("counter", r1)).isInstanceOf(WrongLastRevisionException.class);
            kv.delete("counter", r2);
            assertThatThrownBy(() -> kv.get("counter")).isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining("deleted");
            assertThatThrownBy(() -> kv.update("fresh", "x", 5)).isInstanceOf(WrongLastRevisionException.class);
            assertThat(kv.update("fresh", "x", 0)).isPositive();
        }
    }

    @Test
    void deletePurgeHistoryAndPurgeDeletes(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(memoryBucket(unique("kv")).history(10).build());
            kv.put("a", "1");
            kv.put("a", "2");
            kv.delete("a");
            kv.put("b", "1");
            kv.put("b", "2");
            kv.purge("b");
            kv.put("c", "keep");
            List<KeyValueEntry> ha = kv.history("a");
            assertThat(ha).extracting(KeyValueEntry::operation).containsExactly(KeyValueOperation.PUT,
                KeyValueOperation.PUT, KeyValueOperation.DELETE);
            assertThat(ha.get(1).valueAsString()).isEqualTo("2");
            assertThat(kv.history("b")).extracting(KeyValueEntry::operation).containsExactly(KeyValueOperation.PURGE);
            assertThatThrownBy(() -> kv.history("never")).isInstanceOf(KeyNotFoundException.class);
            assertThat(keys(kv)).containsExactly("c");

            assertThat(kv.purgeDeletes(Duration.ofMinutes(30))).isEqualTo(2);
            assertThat(kv.history("a")).extracting(KeyValueEntry::operation).containsExactly(KeyValueOperation.DELETE);
            assertThat(kv.purgeDeletes(Duration.ZERO)).isEqualTo(2);
            assertThatThrownBy(() -> kv.history("a")).isInstanceOf(KeyNotFoundException.class);
            assertThat(kv.status().values()).isEqualTo(1);
        }
    }

    @Test
    void keysAreStreamedAndFiltered(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(memoryBucket(unique("kv")).build());
            assertThat(keys(kv)).isEmpty();
            int n = 10_000;
            for (int i = 0; i < n; i++) {
                kv.put((i % 2 == 0 ? "even." : "odd.") + i, "v");
            }
            kv.delete("even.0");
            try (Stream<String> all = kv.keys()) {
                assertThat(all.count()).isEqualTo(n - 1);
            }
            try (Stream<String> odd = kv.keys("odd.*")) {
                assertThat(odd.allMatch(k -> k.startsWith("odd."))).isTrue();
            }
            try (Stream<String> some = kv.keys()) {
                assertThat(some.limit(3).toList()).hasSize(3);
            }
            assertThat(JetStream.of(nc).management().consumerNames("KV_" + kv.bucket())).isEmpty();
        }
    }

    @Test
    void badInputIsRefusedBeforeTheWire(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            KeyValue kv = KeyValueManagement.of(js).create(memoryBucket(unique("kv")).maxValueSize(16).build());
            for (String bad : List.of("", ".a", "a.", "a..b", "a b", "a*", "a>", "ü")) {
                assertThatThrownBy(() -> kv.put(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key");
            }
            assertThat(kv.put("a-b_c/d=e.F9", "ok")).isPositive();
            assertThatThrownBy(() -> kv.put("big", new byte[17])).isInstanceOf(ValueTooLargeException.class)
                .hasMessageContaining("16");
            assertThatThrownBy(() -> KeyValue.of(js, "nope")).isInstanceOf(BucketNotFoundException.class)
                .hasMessageContaining("nope");
            assertThatThrownBy(() -> KeyValueConfig.builder("bad.name").build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> KeyValueConfig.builder("b").history(65).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history");
            assertThatThrownBy(() -> KeyValueManagement.of(js).status("nope")).isInstanceOf(BucketNotFoundException.class);
        }
    }

    @Test
    void bucketsAreListedUpdatedAndDeleted(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValueManagement kvm = KeyValueManagement.of(JetStream.of(nc));
            String name = unique("kvm");
            kvm.create(memoryBucket(name).description("first").build());
            assertThat(kvm.bucketNames()).contains(name);
            assertThat(kvm.statuses()).extracting(KeyValueStatus::bucket).contains(name);
            kvm.update(memoryBucket(name).description("second").history(4).build());
            assertThat(kvm.status(name).config().description()).isEqualTo("second");
            assertThat(kvm.status(name).config().history()).isEqualTo(4);
            kvm.delete(name);
            assertThat(kvm.bucketNames()).doesNotContain(name);
            assertThatThrownBy(() -> kvm.delete(name)).isInstanceOf(BucketNotFoundException.class);
        }
    }

    @Test
    void valuesExpireAfterTheTtl(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc))
                .create(memoryBucket(unique("kv")).ttl(Duration.ofMillis(500)).build());
            kv.put("short", "lived");
            assertThat(kv.status().config().ttl()).isEqualTo(Duration.ofMillis(500));
            await().atMost(JsClients.WAIT).untilAsserted(() ->
                assertThatThrownBy(() -> kv.get("short")).isInstanceOf(KeyNotFoundException.class));
        }
    }

    @Test
    void changesAreRepublished(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            String b = unique("kvr");
            Subscription sub = nc.subscribe("repub." + b + ".>");
            nc.flush(JsClients.WAIT);
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(memoryBucket(b)
                .republish(new Republish("$KV." + b + ".>", "repub." + b + ".>", false)).build());
            long rev = kv.put("k", "v");
            Message m = sub.nextMessage(JsClients.WAIT);
            assertThat(m.subject()).isEqualTo("repub." + b + ".k");
            assertThat(m.dataAsString()).isEqualTo("v");
            assertThat(m.headers().first("Nats-Sequence")).contains(Long.toString(rev));
            assertThat(kv.status().config().republish()).isPresent();
        }
    }

    @Test
    void compressedBucketsWorkOnTheCurrentServer(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValueManagement kvm = KeyValueManagement.of(JetStream.of(nc));
            KeyValue kv = kvm.create(memoryBucket(unique("kvz")).compression(Compression.S2).build());
            kv.put("k", "v".repeat(1000));
            assertThat(kv.get("k").valueAsString()).isEqualTo("v".repeat(1000));
            assertThat(kv.status().config().compression()).isEqualTo(Compression.S2);
        }
    }

    @Test
    @NatsServerOptions(version = "2.9")
    void compressionAndPerKeyTtlNeedNewerServers(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            KeyValueManagement kvm = KeyValueManagement.of(JetStream.of(nc));
            String name = unique("kvc");
            assertThatThrownBy(() -> kvm.create(memoryBucket(name).compression(Compression.S2).build()))
                .isInstanceOf(JetStreamUnsupportedException.class).hasMessageContaining("compression")
                .hasMessageContaining("2.10");
            assertThat(kvm.bucketNames()).doesNotContain(name);
            KeyValue kv = kvm.create(memoryBucket(name).build());
            assertThatThrownBy(() -> kv.create("k", bytes("v"), Duration.ofMinutes(1)))
                .isInstanceOf(JetStreamUnsupportedException.class).hasMessageContaining("Nats-TTL")
                .hasMessageContaining("2.11").satisfies(e -> assertThat(((JetStreamUnsupportedException) e).field())
                    .isEqualTo("Nats-TTL"));
            assertThat(kv.status().values()).isZero();
        }
    }

    private static List<String> keys(KeyValue kv) {
        try (Stream<String> s = kv.keys()) {
            return s.toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
