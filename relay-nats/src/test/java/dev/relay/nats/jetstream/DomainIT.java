package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A JetStream domain: the API is reached through {@code $JS.<domain>.API}, and a wrong domain says so. */
class DomainIT {
    private static final Path STORE = tempDir();

    /** Registered by hand: the domain needs a jetstream block of its own in the server config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
        .jetStream(false)
        .extraConfig("jetstream {\n  store_dir: " + quote(STORE.toAbsolutePath().toString()) + "\n  domain: hub\n}")
        .build());

    private static Path tempDir() {
        try {
            // Under target/, so a clean build removes it.
            return Files.createDirectories(Path.of("target", "js-domain-store-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDomainPrefixReachesTheApiAndAcksNameTheDomain(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream hub = JetStream.of(nc, JetStreamOptions.builder().domain("hub").build());
            assertThat(hub.management().accountInfo().domain()).isEqualTo("hub");
            hub.management().addStream(StreamConfig.builder("D").subjects("d.>").storage(StorageType.MEMORY).build());
            PublishAck ack = hub.publish("d.x", bytes("x"));
            assertThat(ack.domain()).isEqualTo("hub");
            assertThat(hub.management().streamNames()).contains("D");
            assertThat(hub.management().getLastMessage("D", "d.x").dataAsString()).isEqualTo("x");

            JetStream elsewhere = JetStream.of(nc, JetStreamOptions.builder().domain("leaf").build());
            assertThatThrownBy(() -> elsewhere.management().accountInfo())
                .isInstanceOf(JetStreamNotEnabledException.class).hasMessageContaining("$JS.leaf.API");
        }
    }

    @Test
    void aDomainOrPrefixWithWildcardsIsRefused() {
        assertThat(JetStreamOptions.builder().domain("hub").build().apiPrefix()).isEqualTo("$JS.hub.API");
        assertThatThrownBy(() -> JetStreamOptions.builder().domain("a.b").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> JetStreamOptions.builder().apiPrefix("$JS.*.API").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiPrefix");
    }

    /** Quotes a value for a nats-server config file. */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
