package dev.relay.console;

import static dev.relay.console.ApiClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.console.ApiClient.Reply;
import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server monitor panel's API: reads nats-server's /varz and /connz through --monitor URL. */
class MonitorIT {

    private static final int MONITOR_PORT = FreePorts.loopback();

    /** Registered by hand: the monitoring port must be in the server's config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
            .extraConfig("http: 127.0.0.1:" + MONITOR_PORT).build());

    @Test
    void theMonitorShowsConnectionsSubscriptionsAndMessageRates(NatsServer server) {
        URI monitor = URI.create("http://127.0.0.1:" + MONITOR_PORT);
        try (ConsoleFixture f = ConsoleFixture.start(server, b -> b.monitorUrl(monitor))) {
            f.api.subscribe("mon.>");
            f.api.post("/api/nats/publish", Map.of("subject", "mon.one", "message", "x"));
            assertThat(f.api.get("/api/nats/status").json().path("monitor").asBoolean()).isTrue();

            Reply first = f.api.get("/api/nats/monitor");
            assertThat(first.status()).isEqualTo(200);
            JsonNode m = first.json();
            assertThat(m.path("version").asText()).isEqualTo(server.version());
            assertThat(m.path("connections").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(m.path("subscriptions").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(m.path("conns").get(0).path("name").asText()).isEqualTo("console");

            await().atMost(WAIT).until(() -> f.api.get("/api/nats/monitor").json().path("in_msgs").asLong() >= 1);
            JsonNode second = f.api.get("/api/nats/monitor").json();
            assertThat(second.path("in_msgs_per_sec").isNumber()).isTrue();
            assertThat(second.path("out_msgs_per_sec").asDouble()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aMonitorUrlWhereNothingListensIs502WithAJsonError(NatsServer server) {
        URI nothing = URI.create("http://127.0.0.1:" + FreePorts.loopback());
        try (ConsoleFixture f = ConsoleFixture.start(server, b -> b.monitorUrl(nothing))) {
            Reply r = f.api.get("/api/nats/monitor");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.error()).isEqualTo("monitor_unreachable");
            assertThat(r.json().path("message").asText()).contains(nothing.toString());
        }
    }
}
