package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.rocketmq.testing.RocketMqServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A two-broker cluster losing one broker: async and sync sends retry on the other, then avoid the dead one. */
class BrokerFailoverIT {

    @Test
    void sendsRetryOnTheOtherBrokerWhenOneDies() {
        List<SendContext> attempts = new CopyOnWriteArrayList<>();
        try (RocketMqServer a = RocketMqServer.start(RocketMqServer.Mode.PLAIN);
             RocketMqServer b = a.startBroker("broker-b");
             Admin admin = RocketMq.admin(Clients.options(a).build());
             Producer producer = RocketMq.producer(Clients.options(a).group(Clients.unique("pg"))
                 .requestTimeout(Duration.ofSeconds(2)).build())) {
            String topic = Clients.unique("Failover");
            admin.createTopic(topic, 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> admin.writeQueues(topic).size() == 4);
            producer.addSendHook(new SendMessageHook() {
                @Override
                public void sendMessageAfter(SendContext context) {
                    attempts.add(context);
                }
            });
            producer.start();
            Set<String> before = sendAll(producer, topic, 8);
            assertThat(before).containsExactlyInAnyOrder("broker-a", "broker-b");

            b.stop();
            attempts.clear();
            List<CompletableFuture<SendResult>> async = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> producer.sendAsync(Message.builder(topic).body("a" + i).build())).toList();
            Set<String> asyncBrokers = async.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join().queue().brokerName())
                .collect(Collectors.toSet());
            Set<String> syncBrokers = sendAll(producer, topic, 12);

            assertThat(asyncBrokers).containsExactly("broker-a");
            assertThat(syncBrokers).containsExactly("broker-a");
            List<SendContext> failed = attempts.stream().filter(c -> c.exception() != null).toList();
            assertThat(failed).as("the dead broker is tried, then avoided").isNotEmpty().allSatisfy(c -> {
                assertThat(c.queue().brokerName()).isEqualTo("broker-b");
                assertThat(c.exception()).isInstanceOf(RocketMqConnectionException.class);
                assertThat(c.mode()).isEqualTo(SendContext.Mode.ASYNC);
            });
            assertThat(attempts).filteredOn(c -> c.exception() == null).hasSize(24);
        }
    }

    private static Set<String> sendAll(Producer producer, String topic, int n) {
        return java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> producer.send(Message.builder(topic).body("m" + i).build()))
            .peek(r -> assertThat(r.status()).isEqualTo(SendStatus.SEND_OK))
            .map(r -> r.queue().brokerName()).collect(Collectors.toSet());
    }
}
