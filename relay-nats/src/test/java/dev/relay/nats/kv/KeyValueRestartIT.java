package dev.relay.nats.kv;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsException;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JetStreamOptions;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A watch goes on across a server restart (file storage) without a gap or a duplicate. */
@NatsTest
@NatsServerOptions(jetStream = true, perMethod = true)
class KeyValueRestartIT {
    private static final int BEFORE = 200;
    private static final int AFTER = 200;

    @Test
    void watchResumesAfterRestartWithoutGapOrDuplicate(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connectResilient(server)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            KeyValue kv = KeyValueManagement.of(js).create(KeyValueConfig.builder("restart").history(64)
                .storage(StorageType.FILE).build());
            Recording r = new Recording();
            try (KeyWatcher w = kv.watchAll(WatchOptions.DEFAULTS.withIncludeHistory(), r)) {
                assertThat(r.initialDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < BEFORE; i++) {
                    kv.put("k" + (i % 10), "v" + i);
                }
                await().atMost(WAIT).until(() -> r.entries.size() == BEFORE);
                server.restart();
                for (int i = BEFORE; i < BEFORE + AFTER; i++) {
                    String key = "k" + (i % 10);
                    String value = "v" + i;
                    // a put whose ack was lost to the restart may be stored twice: update makes a retry safe
                    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                        .ignoreExceptionsInstanceOf(NatsException.class)
                        .until(() -> putOnce(kv, key, value));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> r.entries.size() >= BEFORE + AFTER);
                List<Long> revisions = r.entries.stream().map(KeyValueEntry::revision).toList();
                assertThat(revisions).doesNotHaveDuplicates().isSorted();
                assertThat(revisions.get(revisions.size() - 1) - revisions.get(0) + 1).isEqualTo(revisions.size());
                assertThat(r.values()).containsSubsequence("v0", "v" + (BEFORE - 1), "v" + BEFORE,
                    "v" + (BEFORE + AFTER - 1));
            }
        }
    }

    /** Puts unless the latest value already is this one (the first try's ack got lost). */
    private static boolean putOnce(KeyValue kv, String key, String value) {
        try {
            if (kv.get(key).valueAsString().equals(value)) {
                return true;
            }
        } catch (KeyNotFoundException e) {
            // no value yet: put it
        }
        kv.put(key, value);
        return true;
    }
}
