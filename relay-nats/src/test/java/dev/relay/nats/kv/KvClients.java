package dev.relay.nats.kv;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.testkit.NatsServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Connections, unique bucket names and small buckets for the Key-Value integration tests. */
final class KvClients {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private KvClients() {
    }

    static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT).build());
    }

    static Connection connectResilient(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT)
            .reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(20)).maxWait(Duration.ofMillis(200))
                .jitter(Duration.ofMillis(10)))
            .build());
    }

    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet();
    }

    static KeyValueConfig.Builder memoryBucket(String name) {
        return KeyValueConfig.builder(name).storage(StorageType.MEMORY);
    }
}
