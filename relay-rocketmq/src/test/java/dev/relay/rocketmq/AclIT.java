package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An ACL 2.0 broker: signed requests pass, unsigned and badly signed ones are refused with code 16. */
@RocketMqTest(mode = RocketMqServer.Mode.ACL)
class AclIT {

    @Test
    void signedProducerAndAdminCallsSucceed(RocketMqServer server) {
        String topic = Clients.unique("AclOk");
        try (Admin admin = RocketMq.admin(Clients.options(server).build());
             Producer producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build())) {
            admin.createTopic(topic, 2);
            producer.start();
            SendResult r = producer.send(Message.builder(topic).body("signed").tags("t").build());
            MessageQueue queue = r.queue();
            assertThat(admin.maxOffset(queue)).isEqualTo(1);
            assertThat(admin.minOffset(queue)).isZero();
            assertThat(admin.searchOffset(queue, Instant.EPOCH)).isZero();
            assertThat(admin.earliestMsgStoreTime(queue)).isAfter(Instant.now().minusSeconds(600));
            assertThat(admin.viewMessage(r.offsetMsgId()).bodyAsString()).isEqualTo("signed");
        }
    }

    @Test
    void unsignedRequestsAreRefused(RocketMqServer server) {
        try (Producer producer = RocketMq.producer(ClientOptions.builder().nameServers(server.nameServer()).build())) {
            producer.start();
            assertThatThrownBy(() -> producer.send(Message.builder(Clients.unique("AclNone")).body("x").build()))
                .isInstanceOfSatisfying(RocketMqAuthException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(16);
                    assertThat(e.remark()).contains("username cannot be null");
                });
        }
    }

    @Test
    void aWrongSecretIsRefused(RocketMqServer server) {
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer())
            .credentials(RocketMqServer.ACL_USER, "wrong-secret").build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThatThrownBy(() -> producer.send(Message.builder(Clients.unique("AclBad")).body("x").build()))
                .isInstanceOf(RocketMqAuthException.class).hasMessageContaining("check signature failed");
        }
    }

    @Test
    void anUnknownUserIsRefused(RocketMqServer server) {
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer())
            .rpcHook(new AclRpcHook("mallory", "12345678", "token")).build();
        try (Admin admin = RocketMq.admin(options)) {
            MessageQueue queue = new MessageQueue("TBW102", "broker-a", 0);
            assertThatThrownBy(() -> admin.maxOffset(queue)).isInstanceOf(RocketMqAuthException.class)
                .hasMessageContaining("mallory");
        }
    }
}
