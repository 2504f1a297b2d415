package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.FaultProxy;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server cuts a client that stops reading ("Slow Consumer Detected"); the client reconnects and goes on. */
@NatsTest
class ServerSlowConsumerIT {

    @Test
    @NatsServerOptions(jetStream = false, perMethod = true, extraConfig = "max_pending: 262144\nmax_payload: 65536\nwrite_deadline: \"500ms\"")
    void aServerSlowConsumerDisconnectIsSurvived(NatsServer server) {
        Recorder recorder = new Recorder();
        try (FaultProxy proxy = FaultProxy.start(server)) {
            // Long ping interval: the disconnect must come from the server, not from stale detection.
            Options o = Clients.fastReconnect(proxy.url()).pingInterval(Duration.ofMinutes(5))
                .connectionListener(recorder).errorListener(recorder).build();
            try (Connection nc = Nats.connect(o); Connection pub = Clients.connect(server)) {
                Subscription s = nc.subscribe("sc.x");
                nc.flush(WAIT);
                proxy.stall();
                byte[] kb = new byte[1024];
                boolean cut = false;
                for (int i = 0; i < 200 && !cut; i++) { // at most 200,000 KiB, checked every 1,000 messages
                    for (int j = 0; j < 1000; j++) {
                        pub.publish("sc.x", kb);
                    }
                    pub.flush(WAIT);
                    cut = server.logTail(200).contains("Slow Consumer Detected");
                }
                assertThat(cut).as("the server detected the stalled client as a slow consumer").isTrue();
                proxy.pass();
                recorder.await(ConnectionEvent.Type.RECONNECTED, 1, WAIT);
                assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
                // Drain what arrived before the cut, then the subscription works again after the reconnect.
                await().atMost(WAIT).untilAsserted(() -> {
                    pub.publish("sc.x", "after");
                    pub.flush(WAIT);
                    Message m;
                    do {
                        m = s.nextMessage(Duration.ofMillis(200));
                    } while (!"after".equals(m.dataAsString()));
                });
            }
        }
    }
}
