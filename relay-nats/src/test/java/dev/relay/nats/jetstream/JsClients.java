package dev.relay.nats.jetstream;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.testkit.NatsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Connections and unique names for the JetStream integration tests and those of what is built on JetStream
 * (Key-Value, Object Store). Stateless apart from a counter; thread-safe.
 */
public final class JsClients {
    /** Generous bound for anything that should happen promptly on loopback. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private JsClients() {
    }

    /** A connection with a connect timeout long enough for a loaded machine. */
    public static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT).build());
    }

    /** A connection that reconnects quickly and without limit, for restart tests. */
    public static Connection connectResilient(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT)
            .reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(20)).maxWait(Duration.ofMillis(200))
                .jitter(Duration.ofMillis(10)))
            .build());
    }

    /** A stream or bucket name no other test of the same server uses. */
    public static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet();
    }

    /**
     * The metadata a user set, without the keys nats-server 2.11+ adds to every stream and consumer config
     * it returns ({@code _nats.ver}, {@code _nats.level}, {@code _nats.req.level}; ADR-44).
     */
    public static Map<String, String> userMetadata(Map<String, String> metadata) {
        return metadata.entrySet().stream().filter(e -> !e.getKey().startsWith("_nats."))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The UTF-8 bytes of the text. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
