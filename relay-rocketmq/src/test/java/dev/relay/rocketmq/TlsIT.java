package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A broker that enforces TLS: verified clients work; plaintext, wrong-CA and default-trust clients do not. */
@RocketMqTest(mode = RocketMqServer.Mode.TLS)
class TlsIT {

    private static Message message() {
        return Message.builder(Clients.unique("Tls")).body("secret").build();
    }

    @Test
    void aClientVerifyingTheServerSendsAndReads(RocketMqServer server) {
        try (Producer producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build());
             Admin admin = RocketMq.admin(Clients.options(server).build())) {
            producer.start();
            SendResult r = producer.send(message());
            assertThat(admin.viewMessage(r.offsetMsgId()).bodyAsString()).isEqualTo("secret");
        }
    }

    @Test
    void trustingAnyCertificateIsAnExplicitOption(RocketMqServer server) {
        try (Producer producer = RocketMq.producer(ClientOptions.builder().nameServers(server.nameServer())
            .tlsTrustAll(true).build())) {
            producer.start();
            assertThat(producer.send(message()).status()).isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void aServerSignedByAnotherCaIsRefused(RocketMqServer server) {
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer())
            .tlsTrustCertificate(server.otherCaCertificate()).requestTimeout(Duration.ofSeconds(2)).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThatThrownBy(() -> producer.send(message())).isInstanceOf(RocketMqConnectionException.class)
                .hasMessageContaining("TLS handshake with " + server.nameServer());
        }
    }

    @Test
    void tlsWithoutACaUsesTheJdkTrustStoreAndRefusesTheTestCa(RocketMqServer server) {
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer()).useTls(true)
            .requestTimeout(Duration.ofSeconds(2)).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThatThrownBy(() -> producer.send(message())).isInstanceOf(RocketMqConnectionException.class)
                .hasMessageContaining("TLS handshake with " + server.nameServer());
        }
    }

    @Test
    void aPlaintextClientIsRefused(RocketMqServer server) {
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer())
            .requestTimeout(Duration.ofSeconds(2)).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThatThrownBy(() -> producer.send(message())).isInstanceOf(RocketMqException.class)
                .matches(e -> ((RocketMqException) e).isRetriable(), "a connection-level failure");
        }
    }
}
