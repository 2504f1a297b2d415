package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Reconnect to the same server after it was killed and restarted: subscriptions and buffered publishes survive. */
@NatsTest
class ReconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @NatsServerOptions(jetStream = false, perMethod = true)
    void subscriptionsAndBufferedPublishesSurviveAServerRestart(NatsServer server) {
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        Options o = Options.builder().servers(server.url()).connectionListener(events::add)
            .reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(50)).maxWait(Duration.ofMillis(200)))
            .build();
        // One connection both subscribes and publishes: after a reconnect its subscriptions are restored
        // before its kept publishes are written, so none of them can miss the subscription.
        try (Connection nc = Nats.connect(o)) {
            final Connection sub = nc;
            final Connection pub = nc;
            Subscription s = sub.subscribe("re.buffered");
            Subscription q = sub.subscribe("re.q", "workers");
            Subscription auto = sub.subscribe("re.auto");
            auto.unsubscribe(3);
            sub.flush(WAIT);
            pub.publish("re.auto", "a1");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a1");

            server.kill();
            await().atMost(WAIT).until(() -> pub.status() == ConnectionStatus.RECONNECTING
                && sub.status() == ConnectionStatus.RECONNECTING);
            for (int i = 0; i < 100; i++) {
                pub.publish("re.buffered", Integer.toString(i));
            }
            server.restart();
            await().atMost(WAIT).until(() -> pub.status() == ConnectionStatus.CONNECTED
                && sub.status() == ConnectionStatus.CONNECTED);

            for (int i = 0; i < 100; i++) {
                assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo(Integer.toString(i));
            }
            pub.publish("re.q", "queued");
            assertThat(q.nextMessage(WAIT).dataAsString()).isEqualTo("queued");
            for (int i = 2; i <= 5; i++) {
                pub.publish("re.auto", "a" + i);
            }
            pub.flush(WAIT);
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a2");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a3");
            await().atMost(WAIT).until(() -> !auto.isActive());
            assertThat(pub.statistics().reconnects()).isEqualTo(1);
            await().atMost(WAIT).until(() -> events.stream().filter(e -> e.type() == ConnectionEvent.Type.RECONNECTED).count() == 1);
            assertThat(events).extracting(ConnectionEvent::type).contains(ConnectionEvent.Type.DISCONNECTED,
                ConnectionEvent.Type.RESUBSCRIBED);
        }
    }

    @Test
    @NatsServerOptions(jetStream = false, perMethod = true, extraConfig = "authorization { user: a, password: b }")
    void aRefusedHandshakeIsNeitherAConnectionNorADisconnect(NatsServer server) {
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        Options o = Options.builder().servers(server.url()).userInfo("a", "wrong").connectionListener(events::add).build();
        for (int i = 0; i < 20; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nats.connect(o))
                .isInstanceOf(AuthenticationException.class);
        }
        try (Connection ok = Nats.connect(o.toBuilder().userInfo("a", "b").build())) {
            ok.flush(WAIT);
        }
        await().atMost(WAIT).until(() -> events.size() >= 2);
        assertThat(events).extracting(ConnectionEvent::type)
            .containsExactly(ConnectionEvent.Type.CONNECTED, ConnectionEvent.Type.CLOSED);
    }
}
