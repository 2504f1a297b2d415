package dev.relay.nats;

import dev.relay.testkit.NatsServer;
import java.time.Duration;

/** Opens connections to a testkit server for the integration tests. Stateless; thread-safe. */
final class Clients {
    /** Generous bound for anything that should happen promptly on loopback. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private Clients() {
    }

    /**
     * Options for the server with a connect timeout long enough for a loaded CI machine.
     *
     * @param server the server
     * @return a builder to add to
     */
    static Options.Builder options(NatsServer server) {
        return Options.builder().servers(server.url()).connectTimeout(WAIT);
    }

    /**
     * Options that reconnect quickly and without limit, for fault tests: rounds 20 ms apart at first,
     * doubling up to 200 ms, plus up to 10 ms of jitter; a 2 s connect timeout.
     *
     * @param urls the servers
     * @return a builder to add to
     */
    static Options.Builder fastReconnect(String... urls) {
        return Options.builder().servers(urls).connectTimeout(Duration.ofSeconds(2))
            .reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(20)).maxWait(Duration.ofMillis(200))
                .jitter(Duration.ofMillis(10)));
    }

    /**
     * Connects with default options.
     *
     * @param server the server
     * @return the open connection
     */
    static Connection connect(NatsServer server) {
        return Nats.connect(options(server).build());
    }

    /**
     * Connects with a listener that records events and errors.
     *
     * @param server the server
     * @param recorder hears everything
     * @return the open connection
     */
    static Connection connect(NatsServer server, Recorder recorder) {
        return Nats.connect(options(server).connectionListener(recorder).errorListener(recorder).build());
    }
}
