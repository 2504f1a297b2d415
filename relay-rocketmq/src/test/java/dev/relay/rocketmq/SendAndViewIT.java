package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sync sends against the real broker, read back through view-by-id and a pull. */
@RocketMqTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendAndViewIT {
    private Producer producer;
    private Admin admin;
    private PullConsumer consumer;

    @BeforeAll
    void start(RocketMqServer server) {
        producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build());
        producer.start();
        admin = RocketMq.admin(Clients.options(server).build());
        consumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build());
    }

    @AfterAll
    void stop() {
        // tolerate a failed set-up: its own failure is the one to see
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.close();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void syncSendToANewTopicIsStoredWithTagsKeysAndProperties() {
        String topic = Clients.unique("SendNew");
        Message message = Message.builder(topic).body("hello relay").tags("t1").keys("k1", "k2")
            .property("color", "blue").build();

        SendResult result = producer.send(message);

        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.msgId()).hasSize(32);
        assertThat(result.offsetMsgId()).startsWith("7F000001");
        assertThat(result.queue().topic()).isEqualTo(topic);
        ReceivedMessage viewed = admin.viewMessage(result.offsetMsgId());
        assertThat(viewed.bodyAsString()).isEqualTo("hello relay");
        assertThat(viewed.topic()).isEqualTo(topic);
        assertThat(viewed.tags()).isEqualTo("t1");
        assertThat(viewed.keys()).containsExactly("k1", "k2");
        assertThat(viewed.property("color")).isEqualTo("blue");
        assertThat(viewed.msgId()).isEqualTo(result.msgId());
        assertThat(viewed.queueId()).isEqualTo(result.queue().queueId());
        assertThat(viewed.queueOffset()).isEqualTo(result.queueOffset());
    }

    @Test
    void pulledMessagesMatchWhatWasSentInOrder() {
        String topic = Clients.unique("SendPull");
        admin.createTopic(topic, 1);
        MessageQueue queue = admin.writeQueues(topic).get(0);
        for (int i = 0; i < 5; i++) {
            producer.send(Message.builder(topic).body("m" + i).tags(i % 2 == 0 ? "even" : "odd").build(), queue);
        }
        Clients.awaitStored(admin, queue, 5);

        PullResult all = consumer.pull(queue, "*", 0, 32);
        PullResult even = consumer.pull(queue, "even", 0, 32);

        assertThat(all.status()).isEqualTo(PullResult.Status.FOUND);
        assertThat(all.messages()).extracting(ReceivedMessage::bodyAsString).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(all.nextBeginOffset()).isEqualTo(5);
        assertThat(even.messages()).extracting(ReceivedMessage::bodyAsString).containsExactly("m0", "m2", "m4");
        assertThat(consumer.pull(queue, "*", 5, 32).status()).isEqualTo(PullResult.Status.NO_NEW_MSG);
        List<MessageQueue> queues = consumer.queues(topic);
        assertThat(queues).hasSize(1);
    }
}
