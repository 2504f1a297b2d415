package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import org.junit.jupiter.api.Test;

/**
 * A server that came back with other credentials refuses every reconnect the same way: after the same
 * refusal twice in a row it is not tried again, where it used to be retried up to the reconnect limit
 * (for ever with no limit).
 */
class AuthRefusedTwiceIT {

    @Test
    void aServerThatRefusesTheCredentialsTwiceInARowIsNotRetriedForEver() throws Exception {
        int port = FreePorts.loopback();
        Recorder recorder = new Recorder();
        NatsServerConfig before = NatsServerConfig.builder().port(port).jetStream(false)
            .extraConfig("authorization { user: a, password: b }").build();
        NatsServerConfig after = before.toBuilder().extraConfig("authorization { user: a, password: changed }").build();
        try (NatsServer first = NatsServer.start(before)) {
            Connection nc = Nats.connect(Clients.fastReconnect(first.url()).userInfo("a", "b")
                .connectionListener(recorder).errorListener(recorder).build());
            first.stop();
            try (NatsServer second = NatsServer.start(after)) {
                recorder.await(ConnectionEvent.Type.CLOSED, 1, WAIT.multipliedBy(3));
                assertThat(nc.status()).isEqualTo(ConnectionStatus.CLOSED);
                assertThat(recorder.exceptions).anySatisfy(e -> assertThat(e)
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("twice in a row"));
            } finally {
                nc.close();
            }
        }
    }
}
