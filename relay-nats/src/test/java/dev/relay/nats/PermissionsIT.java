package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A permissions -ERR fails the operation it belongs to, and the connection stays usable. */
@NatsTest
@NatsServerOptions(extraConfig = """
    authorization {
      users = [
        { user: limited, password: pw, permissions: {
            publish: { allow: ["ok.>", "_INBOX.>"] },
            subscribe: { allow: ["ok.>", "_INBOX.>"] } } }
      ]
    }
    """)
class PermissionsIT {

    private static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).userInfo("limited", "pw").build());
    }

    @Test
    void aRequestToADeniedSubjectFailsAtOnceWithTheServersText(NatsServer server) {
        try (Connection nc = connect(server)) {
            CompletableFuture<Message> f = nc.requestAsync("secret.thing", null, new byte[0], Duration.ofSeconds(30));
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("Permissions Violation for Publish to \"secret.thing\"");
            assertThatThrownBy(() -> nc.request("secret.other", "x", Duration.ofSeconds(30)))
                .isInstanceOf(AuthorizationException.class);
            nc.subscribe("ok.echo", m -> m.respond(m.data()));
            assertThat(nc.request("ok.echo", "still usable", Duration.ofSeconds(5)).dataAsString())
                .isEqualTo("still usable");
        }
    }

    @Test
    void aDeniedSubscriptionEndsAndSaysWhy(NatsServer server) {
        try (Connection nc = connect(server)) {
            Subscription denied = nc.subscribe("secret.>");
            assertThatThrownBy(() -> denied.nextMessage(Duration.ofSeconds(30)))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("Permissions Violation for Subscription to \"secret.>\"");
            assertThat(denied.isActive()).isFalse();
            Subscription allowed = nc.subscribe("ok.a");
            nc.publish("ok.a", "fine");
            assertThat(allowed.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo("fine");
        }
    }
}
