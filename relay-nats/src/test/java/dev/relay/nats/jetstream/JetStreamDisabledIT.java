package dev.relay.nats.jetstream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.nats.NoRespondersException;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import org.junit.jupiter.api.Test;

/** A server without JetStream: management fails with a clear exception, publishing with no responders. */
@NatsTest
@NatsServerOptions(jetStream = false)
class JetStreamDisabledIT {

    @Test
    void managementSaysJetStreamIsNotEnabled(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            assertThatThrownBy(() -> JetStream.of(nc).management().accountInfo())
                .isInstanceOf(JetStreamNotEnabledException.class).hasMessageContaining("not enabled");
        }
    }

    @Test
    void publishingFailsAtOnceWithNoResponders(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            assertThatThrownBy(() -> JetStream.of(nc).publish("nothing.here", new byte[] {1}))
                .isInstanceOf(NoRespondersException.class);
        }
    }
}
