package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Admin calls and consumer offsets against the real name server and broker. */
@RocketMqTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminIT {
    private Admin admin;
    private Producer producer;

    @BeforeAll
    void start(RocketMqServer server) {
        admin = RocketMq.admin(Clients.options(server).build());
        producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build());
        producer.start();
    }

    @AfterAll
    void stop() {
        // tolerate a failed set-up: its own failure is the one to see
        if (admin != null) {
            admin.close();
        }
        if (producer != null) {
            producer.shutdown();
        }
    }

    @Test
    void createdTopicsShowInRoutesAndTheTopicList(RocketMqServer server) {
        String topic = Clients.unique("Created");
        admin.createTopic(topic, 3);
        String perBroker = Clients.unique("PerBroker");
        admin.createTopicForBroker(server.brokerAddress(), new TopicConfig(perBroker, 2, 1, 6, 0));

        assertThat(admin.writeQueues(topic)).extracting(MessageQueue::queueId).containsExactly(0, 1, 2);
        assertThat(admin.readQueues(perBroker)).hasSize(2);
        assertThat(admin.writeQueues(perBroker)).hasSize(1);
        assertThat(admin.topics()).contains(topic, perBroker, "TBW102");
        ClusterInfo cluster = admin.clusterInfo();
        assertThat(cluster.clusters()).containsEntry("DefaultCluster", List.of("broker-a"));
        assertThat(cluster.masters()).containsEntry("broker-a", server.brokerAddress());
    }

    @Test
    void offsetsAndStoreTimesFollowTheSends() {
        String topic = Clients.unique("Offsets");
        admin.createTopic(topic, 1);
        MessageQueue queue = admin.writeQueues(topic).get(0);
        assertThat(admin.maxOffset(queue)).isZero();
        assertThat(admin.minOffset(queue)).isZero();

        List<Instant> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SendResult r = producer.send(Message.builder(topic).body("m" + i).build(), queue);
            stored.add(admin.viewMessage(r.offsetMsgId()).storeTimestamp());
        }
        Clients.awaitStored(admin, queue, 5);

        assertThat(admin.maxOffset(queue)).isEqualTo(5);
        assertThat(admin.minOffset(queue)).isZero();
        assertThat(admin.searchOffset(queue, Instant.EPOCH)).isZero();
        assertThat(admin.searchOffset(queue, stored.get(4).plusSeconds(3600))).isEqualTo(5);
        assertThat(admin.searchOffset(queue, stored.get(3))).isBetween(stored.get(2).equals(stored.get(3)) ? 0L : 3L, 3L);
        assertThat(admin.earliestMsgStoreTime(queue)).isEqualTo(stored.get(0));
    }

    @Test
    void aMalformedOffsetMsgIdIsRefusedBeforeSending() {
        assertThatThrownBy(() -> admin.viewMessage("nothex")).isInstanceOf(InvalidMessageException.class)
            .hasMessageContaining("32 or 56 hex digits");
    }

    @Test
    void aGroupPollsEveryQueueAndResumesFromItsCommit(RocketMqServer server) {
        String topic = Clients.unique("Poll");
        admin.createTopic(topic, 3);
        for (int i = 0; i < 6; i++) {
            producer.send(Message.builder(topic).body("p" + i).tags(i < 5 ? "a" : "b").build());
        }
        Clients.awaitStored(admin, topic, 6);
        ClientOptions options = Clients.options(server).group(Clients.unique("pollgroup")).build();
        List<String> seen = new ArrayList<>();
        try (PullConsumer first = RocketMq.pullConsumer(options)) {
            for (int i = 0; i < 10; i++) {
                first.poll(topic, "a", 2).forEach(m -> seen.add(m.bodyAsString()));
            }
            first.commit();
        }
        assertThat(seen).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
        producer.send(Message.builder(topic).body("late").tags("a").build());
        Clients.awaitStored(admin, topic, 7);
        List<String> rest = new ArrayList<>();
        try (PullConsumer second = RocketMq.pullConsumer(options)) {
            for (int i = 0; i < 5; i++) {
                second.poll(topic, "*", 32).forEach(m -> rest.add(m.bodyAsString()));
            }
        }
        assertThat(rest).as("resumes after the committed positions").containsExactly("late");
    }

    @Test
    void consumerGroupOffsetsAreStoredOnTheBroker(RocketMqServer server) {
        String topic = Clients.unique("Committed");
        admin.createTopic(topic, 1);
        producer.send(Message.builder(topic).body("x").build());
        Clients.awaitStored(admin, topic, 1);
        try (PullConsumer consumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build())) {
            MessageQueue queue = consumer.queues(topic).get(0);
            PullResult r = consumer.pull(queue, "*", 0, 10);
            consumer.commitOffset(queue, r.nextBeginOffset());
            assertThat(consumer.committedOffset(queue)).isEqualTo(1);
            assertThat(consumer.maxOffset(queue)).isEqualTo(1);
            assertThat(consumer.pull(queue, "*", 7, 10).status()).isEqualTo(PullResult.Status.OFFSET_ILLEGAL);
        }
    }
}
