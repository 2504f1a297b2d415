package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connection options a jnats user reaches for, against a real server: no-responders, headers, a payload limit. */
@NatsTest
@NatsServerOptions(jetStream = false)
class ConnectOptionsIT {

    @Test
    void withoutNoRespondersARequestNobodyHearsWaitsForItsTimeout(NatsServer server) {
        try (Connection nc = Nats.connect(Clients.options(server).noNoResponders().build())) {
            assertThatThrownBy(() -> nc.request("nobody.here", new byte[0], Duration.ofMillis(200)))
                .isInstanceOf(NatsTimeoutException.class).hasMessageContaining("within 200ms");
        }
        try (Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.request("nobody.here", new byte[0], WAIT))
                .isInstanceOf(NoRespondersException.class);
        }
    }

    @Test
    void aConnectionWithoutHeadersRefusesToSendThemAndReceivesMessagesWithout(NatsServer server) {
        try (Connection plain = Nats.connect(Clients.options(server).noHeaders().build());
             Connection other = Clients.connect(server)) {
            assertThatThrownBy(() -> plain.publish("h", Headers.of("K", "v"), new byte[0]))
                .isInstanceOf(NatsException.class).hasMessageContaining("noHeaders");
            Subscription s = plain.subscribe("h");
            plain.flush(WAIT);
            other.publish("h", Headers.of("K", "v"), "body".getBytes());
            other.flush(WAIT);
            Message m = s.nextMessage(WAIT);
            assertThat(m.dataAsString()).isEqualTo("body");
            assertThat(m.hasHeaders()).isFalse();
        }
    }

    @Test
    void anOwnPayloadLimitBelowTheServersIsCheckedBeforeSending(NatsServer server) {
        try (Connection nc = Nats.connect(Clients.options(server).maxPayload(100).build())) {
            nc.publish("p", new byte[100]);
            assertThatThrownBy(() -> nc.publish("p", new byte[101]))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("Options.maxPayload of 100 bytes");
            nc.flush(WAIT);
        }
        assertThatThrownBy(() -> Options.builder().maxPayload(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectionWithItsOwnKeepAliveWorksAndTheSettingIsChecked(NatsServer server) {
        try (Connection nc = Nats.connect(Clients.options(server).tcpKeepAlive(Duration.ofSeconds(30)).build())) {
            Subscription s = nc.subscribe("ka");
            nc.publish("ka", "alive");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("alive");
        }
        assertThatThrownBy(() -> Options.builder().tcpKeepAlive(Duration.ofMillis(500)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1s, got 500ms");
    }
}
