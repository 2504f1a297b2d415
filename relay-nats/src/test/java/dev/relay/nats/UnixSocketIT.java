package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import dev.relay.testkit.UnixSocketRelay;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code unix://} URLs: a real Unix-socket connection, relayed by the testkit to a real server. */
@NatsTest
@NatsServerOptions(jetStream = false)
class UnixSocketIT {

    @Test
    void publishSubscribeAndRequestWorkOverAUnixSocket(NatsServer server) {
        try (UnixSocketRelay relay = UnixSocketRelay.start(server.port());
             Connection overSocket = Nats.connect(Options.builder().servers(relay.url()).connectTimeout(WAIT).build());
             Connection overTcp = Clients.connect(server)) {
            assertThat(relay.acceptedConnections()).isEqualTo(1);
            assertThat(overSocket.serverInfo().serverId()).isEqualTo(overTcp.serverInfo().serverId());
            Subscription sub = overSocket.subscribe("unix.>");
            overSocket.flush(WAIT);
            overTcp.publish("unix.in", "from tcp");
            assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("from tcp");

            Subscription responder = overTcp.subscribe("unix.svc", m -> overTcp.publish(m.replyTo().orElseThrow(), "pong"));
            overTcp.flush(WAIT);
            assertThat(overSocket.request("unix.svc", "ping", WAIT).dataAsString()).isEqualTo("pong");
            responder.unsubscribe();
        }
    }

    @Test
    void aDroppedSocketConnectionReconnectsThroughTheSameSocket(NatsServer server) {
        try (UnixSocketRelay relay = UnixSocketRelay.start(server.port())) {
            Recorder recorder = new Recorder();
            try (Connection nc = Nats.connect(Clients.fastReconnect(relay.url()).connectionListener(recorder)
                     .errorListener(recorder).build());
                 Connection overTcp = Clients.connect(server)) {
                Subscription sub = nc.subscribe("unix.back");
                nc.flush(WAIT);
                relay.dropConnections();
                ConnectionEvent back = recorder.await(ConnectionEvent.Type.RECONNECTED);
                assertThat(back.serverUrl()).isEqualTo(relay.url());
                nc.flush(WAIT);
                overTcp.publish("unix.back", "restored");
                assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("restored");
                assertThat(relay.acceptedConnections()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aMissingSocketFileFailsNamingIt() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "relay-no-such-dir", "nats.sock");
        assertThatThrownBy(() -> Nats.connect(Options.builder().servers("unix://" + missing).noReconnect()
                .connectTimeout(WAIT).build()))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining("unix://" + missing);
    }

    @Test
    void aUnixUrlWithoutAPathIsRejectedBeforeConnecting() {
        assertThatThrownBy(() -> Options.builder().servers("unix://host/x.sock").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socket file");
    }
}
