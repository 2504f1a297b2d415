package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT authentication against a real nats-server 2.9 in operator mode, with operator, account and
 * user keys and JWTs made in the test by {@link JwtIssuer}: creds files, JWT callbacks, an expired
 * user JWT and a malformed creds file.
 */
class CredsAuthIT {
    private static final NKey OPERATOR = NKey.create(NKey.Type.OPERATOR);
    private static final NKey ACCOUNT = NKey.create(NKey.Type.ACCOUNT);
    private static final NKey SYSTEM = NKey.create(NKey.Type.ACCOUNT);
    private static final NKey USER = NKey.create(NKey.Type.USER);

    private static NatsServer operatorModeServer() {
        String config = JwtIssuer.operatorModeConfig(OPERATOR, ACCOUNT, SYSTEM);
        return NatsServer.start(NatsServerConfig.builder().jetStream(false).extraConfig(config).build());
    }

    private static Path creds(Path dir, String jwt, String eol) throws Exception {
        Path file = dir.resolve("user.creds");
        Files.writeString(file, JwtIssuer.creds(jwt, USER.seed(), eol));
        return file;
    }

    @Test
    void aCredsFileConnects(@TempDir Path dir) throws Exception {
        Path file = creds(dir, JwtIssuer.user(ACCOUNT, USER.publicKey(), null), "\r\n");
        try (NatsServer server = operatorModeServer();
             Connection nc = Nats.connect(Clients.options(server).auth(Auth.credsFile(file)).build())) {
            roundTrip(nc);
        }
    }

    @Test
    void jwtCallbacksConnect() {
        String jwt = JwtIssuer.user(ACCOUNT, USER.publicKey(), null);
        try (NatsServer server = operatorModeServer();
             Connection nc = Nats.connect(Clients.options(server).auth(Auth.jwt(() -> jwt, USER::sign)).build())) {
            roundTrip(nc);
        }
    }

    /** Signing used to run on the I/O thread shared by every connection of its event loop. */
    @Test
    void credentialCallbacksRunOffTheIoThread() {
        String jwt = JwtIssuer.user(ACCOUNT, USER.publicKey(), null);
        java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Auth auth = Auth.jwt(() -> {
            threads.add(Thread.currentThread().getName());
            return jwt;
        }, nonce -> {
            threads.add(Thread.currentThread().getName());
            return USER.sign(nonce);
        });
        try (NatsServer server = operatorModeServer();
             Connection nc = Nats.connect(Clients.options(server).auth(auth).build())) {
            roundTrip(nc);
            assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo("relay-nats-auth"));
        }
    }

    @Test
    void anExpiredUserJwtIsRefusedAsExpired(@TempDir Path dir) throws Exception {
        Path file = creds(dir, JwtIssuer.user(ACCOUNT, USER.publicKey(), Instant.now().minus(Duration.ofHours(1))), "\n");
        try (NatsServer server = operatorModeServer()) {
            Options o = Clients.options(server).auth(Auth.credsFile(file)).build();
            assertThatThrownBy(() -> Nats.connect(o))
                .isInstanceOfSatisfying(AuthenticationException.class,
                    e -> {
                        // nats-server 2.9.10 says only this (and logs "authentication error"); the client adds why
                        assertThat(e.serverMessage()).isEqualTo("Authorization Violation");
                        assertThat(e.getMessage()).contains("the user JWT expired at");
                    });
        }
    }

    @Test
    void aUserOfAnUnknownAccountIsRefused(@TempDir Path dir) throws Exception {
        NKey stranger = NKey.create(NKey.Type.ACCOUNT);
        Path file = creds(dir, JwtIssuer.user(stranger, USER.publicKey(), null), "\n");
        try (NatsServer server = operatorModeServer()) {
            Options o = Clients.options(server).auth(Auth.credsFile(file)).build();
            assertThatThrownBy(() -> Nats.connect(o))
                .isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.serverMessage()).isEqualTo("Authorization Violation"));
        }
    }

    @Test
    void aMalformedCredsFileNamesTheProblemAndNoSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.creds");
        String seed = new String(USER.seed());
        Files.writeString(file, "-----BEGIN USER NKEY SEED-----\n" + seed + "\n------END USER NKEY SEED------\n");
        assertThatThrownBy(() -> Auth.credsFile(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("no '-----BEGIN NATS USER JWT-----' block")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(seed));
    }

    private static void roundTrip(Connection nc) {
        Subscription s = nc.subscribe("jwt.ok");
        nc.flush(WAIT);
        nc.publish("jwt.ok", "signed in");
        assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("signed in");
    }
}
