package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.nats.jetstream.StreamInfo;
import dev.relay.nats.jetstream.StreamState;
import dev.relay.nats.kv.KeyValueConfig;
import dev.relay.nats.kv.KeyValueStatus;
import dev.relay.nats.objectstore.ObjectStoreConfig;
import dev.relay.nats.objectstore.ObjectStoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The durations in {@code relay kv status} and {@code relay obj status} read as people write them. */
class StatusTextTest {

    private static StreamInfo stream(String name) {
        StreamState state = new StreamState(0, 0, 0, Instant.EPOCH, 0, Instant.EPOCH, 0, 0, List.of(), 0, Map.of());
        return new StreamInfo(StreamConfig.builder(name).build(), Instant.EPOCH, state, Optional.empty(),
            Optional.empty(), List.of());
    }

    @Test
    void kvStatusWritesTheTtlAsADurationPeopleType() {
        KeyValueConfig c = KeyValueConfig.builder("cfg").ttl(Duration.ofSeconds(90)).build();
        String text = KvCommand.status(new KeyValueStatus(c, 0, 0, stream("KV_cfg")));
        assertThat(text).contains("TTL:            1m30s\n").doesNotContain("PT");
    }

    @Test
    void objStatusWritesTheTtlAsADurationPeopleType() {
        ObjectStoreConfig c = ObjectStoreConfig.builder("files").ttl(Duration.ofHours(2)).build();
        String text = ObjCommand.status(new ObjectStoreStatus(c, false, 0, stream("OBJ_files")));
        assertThat(text).contains("TTL:         2h\n").doesNotContain("PT");
    }

    @Test
    void noTtlStaysNone() {
        KeyValueConfig c = KeyValueConfig.builder("cfg").build();
        assertThat(KvCommand.status(new KeyValueStatus(c, 0, 0, stream("KV_cfg")))).contains("TTL:            none\n");
    }
}
