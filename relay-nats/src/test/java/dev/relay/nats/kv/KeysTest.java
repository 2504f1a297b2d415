package dev.relay.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import dev.relay.nats.jetstream.DiscardPolicy;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.StreamConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key and bucket rules, the bucket's stream settings and entry decoding, without a server. */
class KeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "A.b.c", "x-y_z/w=v", "0", "key.with.many.tokens", "_kv"})
    void validKeys(String key) {
        assertThat(Keys.checkKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "a b", "a*", "*", ">", "a.>", "ü", "a\tb", "a$b"})
    void invalidKeys(String key) {
        assertThatThrownBy(() -> Keys.checkKey(key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("key:");
    }

    @Test
    void filtersTakeWholeTokenWildcards() {
        assertThat(Keys.checkFilter(">")).isEqualTo(">");
        assertThat(Keys.checkFilter("a.*.c")).isEqualTo("a.*.c");
        assertThat(Keys.checkFilter("a.>")).isEqualTo("a.>");
        assertThatThrownBy(() -> Keys.checkFilter("a.>.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.checkFilter("a*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketNames() {
        assertThat(Keys.checkBucket("my-bucket_1")).isEqualTo("my-bucket_1");
        for (String bad : new String[] {"", "a.b", "a b", "a*", "a>"}) {
            assertThatThrownBy(() -> Keys.checkBucket(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void streamSettingsAreThoseOfAdr8() {
        StreamConfig s = KeyValueConfig.builder("b").history(7).ttl(Duration.ofSeconds(30)).maxValueSize(100)
            .maxBucketSize(10_000).build().toStreamConfig();
        assertThat(s.name()).isEqualTo("KV_b");
        assertThat(s.subjects()).containsExactly("$KV.b.>");
        assertThat(s.maxMessagesPerSubject()).isEqualTo(7);
        assertThat(s.maxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.duplicateWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxMessageSize()).isEqualTo(100);
        assertThat(s.maxBytes()).isEqualTo(10_000);
        assertThat(s.discard()).isEqualTo(DiscardPolicy.NEW);
        assertThat(s.allowRollup() && s.denyDelete() && s.allowDirect()).isTrue();
        assertThat(KeyValueConfig.builder("b").build().toStreamConfig().duplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(KeyValueConfig.fromStreamConfig(s)).isEqualTo(KeyValueConfig.builder("b").history(7)
            .ttl(Duration.ofSeconds(30)).maxValueSize(100).maxBucketSize(10_000).build());
    }

    @Test
    void entriesAreDecodedFromStoredMessages() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        KeyValueEntry put = Keys.entry("b", new StoredMessage("KV_b", "$KV.b.a.b", 5, t, new Headers(), new byte[] {1}));
        assertThat(put.key()).isEqualTo("a.b");
        assertThat(put.operation()).isEqualTo(KeyValueOperation.PUT);
        assertThat(put.revision()).isEqualTo(5);
        assertThat(put.created()).isEqualTo(t);
        KeyValueEntry del = Keys.entry("b", new StoredMessage("KV_b", "$KV.b.a", 6, t,
            Headers.of("KV-Operation", "DEL"), new byte[0]));
        assertThat(del.operation()).isEqualTo(KeyValueOperation.DELETE);
        KeyValueEntry purge = Keys.entry("b", new StoredMessage("KV_b", "$KV.b.a", 7, t,
            Headers.of("KV-Operation", "PURGE", "Nats-Rollup", "sub"), new byte[0]));
        assertThat(purge.operation()).isEqualTo(KeyValueOperation.PURGE);
    }

    @Test
    void serverVersionGate() {
        Keys.requireServer("2.11.0", "Nats-TTL", 2, 11);
        Keys.requireServer("v2.12.1-beta", "Nats-TTL", 2, 11);
        Keys.requireServer("3.0.0", "Nats-TTL", 2, 11);
        assertThatThrownBy(() -> Keys.requireServer("2.10.22", "Nats-TTL", 2, 11))
            .isInstanceOf(dev.relay.nats.jetstream.JetStreamUnsupportedException.class)
            .hasMessageContaining("2.11.0").hasMessageContaining("2.10.22");
    }

    @Test
    void watchOptionsRefuseContradictions() {
        assertThatThrownBy(() -> WatchOptions.DEFAULTS.withIncludeHistory().withUpdatesOnly())
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(WatchOptions.DEFAULTS.withMetaOnly().withIgnoreDeletes())
            .isEqualTo(new WatchOptions(false, false, true, true));
    }
}
