package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import java.time.Duration;

/**
 * Connections the CLI tests open beside the command under test, with a connect timeout long enough for a
 * loaded CI machine (the library's default stays 2 s). Stateless; thread-safe.
 */
final class TestConnections {
    /** Generous bound on the handshake when the machine is busy. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private TestConnections() {
    }

    /**
     * Connects to a test server.
     *
     * @param url the server URL
     * @return the open connection
     */
    static Connection connect(String url) {
        return Nats.connect(Options.builder().servers(url).connectTimeout(CONNECT_TIMEOUT).build());
    }
}
