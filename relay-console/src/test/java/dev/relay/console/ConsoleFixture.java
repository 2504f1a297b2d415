package dev.relay.console;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.testkit.NatsServer;
import java.util.function.UnaryOperator;

/**
 * A console on port 0 over its own connection to a test server, plus a client for its API. Close it
 * at the end of the test. Not thread-safe (one test owns it).
 */
final class ConsoleFixture implements AutoCloseable {

    final ConnectionLog log = new ConnectionLog();
    final Connection nc;
    final ConsoleServer console;
    final ApiClient api;

    private ConsoleFixture(NatsServer server, UnaryOperator<ConsoleOptions.Builder> options) {
        nc = Nats.connect(Options.builder().servers(server.url()).name("console").connectTimeout(java.time.Duration.ofSeconds(10))
                .reconnect(r -> r.maxReconnects(-1)).connectionListener(log).build());
        console = ConsoleServer.start(nc, options.apply(ConsoleOptions.builder().port(0)).build(), log);
        api = new ApiClient(console.uri(), console.accessToken());
    }

    static ConsoleFixture start(NatsServer server) {
        return new ConsoleFixture(server, b -> b);
    }

    static ConsoleFixture start(NatsServer server, UnaryOperator<ConsoleOptions.Builder> options) {
        return new ConsoleFixture(server, options);
    }

    @Override
    public void close() {
        try {
            console.close();
        } finally {
            nc.close();
        }
    }

    /**
     * Another connection to the test server, with a connect timeout long enough for a loaded machine.
     *
     * @param server the server
     * @return the open connection
     */
    static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(java.time.Duration.ofSeconds(10)).build());
    }
}
