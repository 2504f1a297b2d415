package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.rocketmq.testing.RocketMqServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A broker that goes away mid-run: clear, retriable errors meanwhile, and sends work again once it is back. */
class BrokerRestartIT {

    @Test
    void sendsFailClearlyWhileTheServerIsDownAndRecoverWhenItReturns() {
        try (RocketMqServer server = RocketMqServer.start(RocketMqServer.Mode.PLAIN);
             Producer producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg"))
                 .requestTimeout(Duration.ofSeconds(2)).retries(1).build());
             Admin admin = RocketMq.admin(Clients.options(server).build())) {
            String topic = Clients.unique("Restart");
            admin.createTopic(topic, 2);
            producer.start();
            assertThat(producer.send(Message.builder(topic).body("before").build()).status()).isEqualTo(SendStatus.SEND_OK);

            server.stop();
            assertThatThrownBy(() -> producer.send(Message.builder(topic).body("while down").build()))
                .isInstanceOf(RocketMqException.class)
                .matches(e -> ((RocketMqException) e).isRetriable(), "retriable")
                .hasMessageContaining("127.0.0.1:");
            failsRetriably(producer.sendAsync(Message.builder(topic).body("async while down").build()));

            server.restart();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> producer.send(Message.builder(topic).body("after").build()).status() == SendStatus.SEND_OK);
            assertThat(admin.readQueues(topic)).hasSize(2);
        }
    }

    private static void failsRetriably(java.util.concurrent.CompletableFuture<SendResult> f) {
        assertThatThrownBy(f::join).hasCauseInstanceOf(RocketMqException.class)
            .satisfies(e -> assertThat(((RocketMqException) e.getCause()).isRetriable()).isTrue());
    }
}
