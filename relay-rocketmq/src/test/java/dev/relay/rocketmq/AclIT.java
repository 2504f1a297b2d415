package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Instant;
import java.util.List;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
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
            Clients.awaitStored(admin, queue, 1);
            assertThat(admin.maxOffset(queue)).isEqualTo(1);
            assertThat(admin.minOffset(queue)).isZero();
            assertThat(admin.searchOffset(queue, Instant.EPOCH)).isZero();
            assertThat(admin.earliestMsgStoreTime(queue)).isAfter(Instant.now().minusSeconds(600));
            assertThat(admin.viewMessage(r.offsetMsgId()).bodyAsString()).isEqualTo("signed");
        }
    }

    @Test
    void aNormalUserMayPublishOnlyWhereItsPolicyAllows(RocketMqServer server) throws Exception {
        String allowed = Clients.unique("AclAllowed");
        String denied = Clients.unique("AclDenied");
        String user = Clients.unique("alice");
        try (Admin admin = RocketMq.admin(Clients.options(server).build())) {
            admin.createTopic(allowed, 1);
            admin.createTopic(denied, 1);
        }
        // Users and policies are made with the official admin (test scope): Relay has no ACL-management API.
        DefaultMQAdminExt official = new DefaultMQAdminExt(new AclClientRPCHook(
            new SessionCredentials(RocketMqServer.ACL_USER, RocketMqServer.ACL_PASSWORD)));
        official.setNamesrvAddr(server.nameServer());
        official.setInstanceName(Clients.unique("official"));
        official.start();
        try {
            official.createUser(server.brokerAddress(), user, "alicepw123", "Normal");
            official.createAcl(server.brokerAddress(), "User:" + user, List.of("Topic:" + allowed), List.of("Pub"),
                List.of(), "Allow");
        } finally {
            official.shutdown();
        }
        ClientOptions options = ClientOptions.builder().nameServers(server.nameServer()).credentials(user, "alicepw123")
            .group(Clients.unique("pg")).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThat(producer.send(Message.builder(allowed).body("ok").build()).status()).isEqualTo(SendStatus.SEND_OK);
            assertThatThrownBy(() -> producer.send(Message.builder(denied).body("no").build()))
                .isInstanceOfSatisfying(RocketMqAuthException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(16);
                    assertThat(e.remark()).contains("has no permission to access Topic:" + denied);
                });
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
