package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NKey authentication against a real nats-server: the server's config lists a user public key
 * made in the test; the client signs the server's nonce. The server accepting the signature is the
 * proof that encoding, CRC and Ed25519 interoperate.
 */
class NKeyAuthIT {
    private static final NKey USER = NKey.create(NKey.Type.USER);

    private static NatsServer serverFor(String... publicKeys) {
        StringBuilder users = new StringBuilder("authorization { users = [\n");
        for (String k : publicKeys) {
            users.append("  { nkey: \"").append(k).append("\" }\n");
        }
        return NatsServer.start(NatsServerConfig.builder().jetStream(false)
            .extraConfig(users.append("] }\n").toString()).build());
    }

    @Test
    void aUserConnectsWithItsSeedString() {
        try (NatsServer server = serverFor(USER.publicKey());
             Connection nc = Nats.connect(Clients.options(server).auth(Auth.nkeySeed(new String(USER.seed()))).build())) {
            // The greeting carried the nonce the client signed. Not nc.serverInfo(): nats-server 2.10+ sends
            // a second INFO right after CONNECT ("connect_info":true) without a nonce, and the connection
            // replaces its ServerInfo with every INFO, so there the nonce is gone once that one arrives.
            assertThat(server.serverInfo()).contains("\"nonce\":\"");
            roundTrip(nc);
        }
    }

    @Test
    void aUserConnectsWithItsSeedFile(@TempDir Path dir) throws Exception {
        Path seedFile = dir.resolve("user.nk");
        Files.writeString(seedFile, new String(USER.seed()) + "\n");
        try (NatsServer server = serverFor(USER.publicKey());
             Connection nc = Nats.connect(Clients.options(server).auth(Auth.nkeyFile(seedFile)).build())) {
            roundTrip(nc);
        }
    }

    @Test
    void anUnknownNKeyIsRefusedWithTheServersWords() {
        NKey stranger = NKey.create(NKey.Type.USER);
        try (NatsServer server = serverFor(USER.publicKey())) {
            Options o = Clients.options(server).auth(Auth.nkeySeed(new String(stranger.seed()))).build();
            assertThatThrownBy(() -> Nats.connect(o))
                .isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.serverMessage()).isEqualTo("Authorization Violation"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(new String(stranger.seed())));
        }
    }

    @Test
    void aServerWithoutNKeyUsersSendsNoNonceAndTheClientSaysSo() {
        try (NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(false)
                .extraConfig("authorization { user: a, password: b }").build())) {
            Options o = Clients.options(server).auth(Auth.nkeySeed(new String(USER.seed()))).build();
            assertThatThrownBy(() -> Nats.connect(o))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("did not ask for NKey/JWT authentication")
                .hasMessageContaining(USER.publicKey())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(new String(USER.seed())));
        }
    }

    private static void roundTrip(Connection nc) {
        Subscription s = nc.subscribe("nkey.ok");
        nc.flush(WAIT);
        nc.publish("nkey.ok", "signed in");
        assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("signed in");
    }
}
