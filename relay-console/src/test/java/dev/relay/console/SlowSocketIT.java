package dev.relay.console;

import static dev.relay.console.ApiClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A browser that stops reading never makes the console buffer without bound: past the per-socket
 * limit, messages to that socket are dropped and counted, and every message is either delivered or
 * counted as dropped.
 */
@NatsTest
class SlowSocketIT {

    @Test
    void aSocketThatStopsReadingGetsDropsCountedInsteadOfAnUnboundedQueue(NatsServer server) throws Exception {
        int n = 4000;
        byte[] payload = new byte[8 * 1024]; // 32 MiB in all: far more than the socket limit plus TCP buffers
        try (ConsoleFixture f = ConsoleFixture.start(server, b -> b.socketBufferBytes(16 * 1024));
                Connection publisher = Nats.connect(server.url())) {
            long sid = f.api.subscribe("slow.>");
            f.nc.flush(WAIT);
            ApiClient.Socket socket = openNotReading(f, sid);

            for (int i = 0; i < n; i++) {
                publisher.publish("slow.data", payload);
            }
            publisher.flush(WAIT);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode s = subscription(f);
                return s.path("messages").asLong() + s.path("dropped_by_client").asLong() == n;
            });
            JsonNode s = subscription(f);
            long handled = s.path("messages").asLong();
            long dropped = s.path("dropped_by_sockets").asLong();
            assertThat(dropped).as("messages dropped for the slow socket").isPositive();

            socket.resume();
            ApiClient.Socket reading = socket;
            await().atMost(Duration.ofSeconds(30)).until(() -> reading.received.get() == handled - dropped);
            assertThat(subscription(f).path("dropped_by_sockets").asLong()).isEqualTo(dropped);
            JsonNode last = null;
            while (!reading.messages.isEmpty()) {
                last = reading.messages.poll();
            }
            assertThat(last).isNotNull();
            assertThat(last.path("dropped").asLong()).as("the drop count the page shows").isPositive();
        }
    }

    private static ApiClient.Socket openNotReading(ConsoleFixture f, long sid) {
        ApiClient.Socket socket = f.api.openSocket(sid, null);
        socket.autoRead = false;
        await().atMost(WAIT).until(() -> subscription(f).path("sockets").asInt() == 1);
        return socket;
    }

    private static JsonNode subscription(ConsoleFixture f) {
        return f.api.get("/api/nats/subscriptions").json().path("subscriptions").path(0);
    }
}
