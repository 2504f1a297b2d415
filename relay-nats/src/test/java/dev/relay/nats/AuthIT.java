package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import org.junit.jupiter.api.Test;

/** Authentication and permissions against a real server: user/password, token, and permission violations. */
@NatsTest
class AuthIT {
    private static final String USER_AUTH = "authorization { user: a, password: b }";
    private static final String TOKEN_AUTH = "authorization { token: s3cret }";
    private static final String PERMISSIONS = """
        authorization {
          users = [
            { user: a, password: b, permissions: { publish: { deny: "secret.>" }, subscribe: { deny: "hidden.>" } } }
          ]
        }
        """;

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = USER_AUTH)
    void aWrongPasswordIsRefusedWithTheServersWords(NatsServer server) {
        Options wrong = Clients.options(server).userInfo("a", "wrong").build();
        assertThatThrownBy(() -> Nats.connect(wrong))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.serverMessage()).contains("Authorization Violation"));
        assertThatThrownBy(() -> Nats.connect(Clients.options(server).build()))
            .as("no credentials at all").isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Nats.connect("nats://a:wrong@127.0.0.1:" + server.port()))
            .isInstanceOf(AuthenticationException.class);
    }

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = USER_AUTH)
    void theRightUserAndPasswordWorkFromOptionsAndFromTheUrl(NatsServer server) {
        try (Connection fromOptions = Nats.connect(Clients.options(server).userInfo("a", "b").build());
             Connection fromUrl = Nats.connect("nats://a:b@127.0.0.1:" + server.port())) {
            assertThat(fromOptions.serverInfo().authRequired()).isTrue();
            assertRoundTrip(fromOptions, fromUrl);
        }
    }

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = TOKEN_AUTH)
    void aTokenWorksFromOptionsAndFromTheUrl(NatsServer server) {
        try (Connection fromOptions = Nats.connect(Clients.options(server).token("s3cret").build());
             Connection fromUrl = Nats.connect("nats://s3cret@127.0.0.1:" + server.port())) {
            assertRoundTrip(fromOptions, fromUrl);
        }
        assertThatThrownBy(() -> Nats.connect(Clients.options(server).token("guess").build()))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.serverMessage()).contains("Authorization Violation"));
    }

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = PERMISSIONS)
    void aDeniedPublishReachesTheErrorListenerAndTheConnectionStaysUsable(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.options(server).userInfo("a", "b")
                 .errorListener(recorder).connectionListener(recorder).build());
             Connection watcher = Nats.connect(Clients.options(server).userInfo("a", "b").build())) {
            Subscription secrets = watcher.subscribe("secret.>");
            Subscription publicOnes = watcher.subscribe("public.>");
            watcher.flush(WAIT);

            nc.publish("secret.x", "leak");
            nc.publish("public.x", "after the violation");

            await().atMost(WAIT).until(() -> !recorder.serverErrors.isEmpty());
            assertThat(recorder.serverErrors).singleElement()
                .isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.serverMessage())
                    .isEqualTo("Permissions Violation for Publish to \"secret.x\""));
            assertThat(publicOnes.nextMessage(WAIT).dataAsString()).isEqualTo("after the violation");
            assertThat(secrets.pendingMessages()).as("the server dropped the denied message").isZero();
            assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(nc.statistics().errors()).isEqualTo(1);
            assertThat(recorder.eventTypes()).doesNotContain(ConnectionEvent.Type.DISCONNECTED, ConnectionEvent.Type.CLOSED);
        }
    }

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = PERMISSIONS)
    void aDeniedSubscribeReachesTheErrorListenerAndTheConnectionStaysUsable(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.options(server).userInfo("a", "b").errorListener(recorder).build())) {
            Subscription denied = nc.subscribe("hidden.x");
            nc.flush(WAIT);

            await().atMost(WAIT).until(() -> !recorder.serverErrors.isEmpty());
            assertThat(recorder.serverErrors).singleElement()
                .isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.serverMessage())
                    .isEqualTo("Permissions Violation for Subscription to \"hidden.x\""));
            await().atMost(WAIT).until(() -> !denied.isActive());
            Subscription ok = nc.subscribe("public.y");
            nc.publish("public.y", "fine");
            assertThat(ok.nextMessage(WAIT).dataAsString()).isEqualTo("fine");
        }
    }

    /** a publishes, b receives. */
    private static void assertRoundTrip(Connection a, Connection b) {
        Subscription s = b.subscribe("auth.ok");
        b.flush(WAIT);
        a.publish("auth.ok", "in");
        assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("in");
    }
}
