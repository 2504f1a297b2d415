package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Relay against the official Apache RocketMQ 5.3.3 Java client (test scope only): each reads what the
 * other wrote, and both admins give the same answers.
 */
@RocketMqTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("deprecation") // DefaultMQPullConsumer: the official client's plain pull API
class OfficialClientCrossCheckIT {
    private Producer relayProducer;
    private Admin relayAdmin;
    private PullConsumer relayConsumer;
    private DefaultMQProducer officialProducer;
    private DefaultMQPullConsumer officialConsumer;
    private DefaultMQAdminExt officialAdmin;

    @BeforeAll
    void start(RocketMqServer server) throws Exception {
        relayProducer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build());
        relayProducer.start();
        relayAdmin = RocketMq.admin(Clients.options(server).build());
        relayConsumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build());
        officialProducer = new DefaultMQProducer(Clients.unique("opg"));
        officialProducer.setNamesrvAddr(server.nameServer());
        officialProducer.setInstanceName(Clients.unique("official"));
        officialProducer.start();
        officialConsumer = new DefaultMQPullConsumer(Clients.unique("ocg"));
        officialConsumer.setNamesrvAddr(server.nameServer());
        officialConsumer.setInstanceName(Clients.unique("official"));
        officialConsumer.start();
        officialAdmin = new DefaultMQAdminExt();
        officialAdmin.setNamesrvAddr(server.nameServer());
        officialAdmin.setInstanceName(Clients.unique("official"));
        officialAdmin.start();
    }

    @AfterAll
    void stop() {
        // tolerate a failed set-up: its own failure is the one to see
        if (relayProducer != null) {
            relayProducer.shutdown();
        }
        if (relayAdmin != null) {
            relayAdmin.close();
        }
        if (relayConsumer != null) {
            relayConsumer.close();
        }
        if (officialProducer != null) {
            officialProducer.shutdown();
        }
        if (officialConsumer != null) {
            officialConsumer.shutdown();
        }
        if (officialAdmin != null) {
            officialAdmin.shutdown();
        }
    }

    private MessageQueue createOneQueueTopic(String prefix) {
        String topic = Clients.unique(prefix);
        relayAdmin.createTopic(topic, 1);
        return relayAdmin.writeQueues(topic).get(0);
    }

    private static org.apache.rocketmq.common.message.MessageQueue official(MessageQueue q) {
        return new org.apache.rocketmq.common.message.MessageQueue(q.topic(), q.brokerName(), q.queueId());
    }

    @Test
    void theOfficialConsumerReadsWhatRelaySent() throws Exception {
        MessageQueue queue = createOneQueueTopic("RelayToOfficial");
        SendResult sent = relayProducer.send(Message.builder(queue.topic()).body("from relay").tags("t1")
            .keys("k1", "k2").property("color", "blue").build());
        Clients.awaitStored(relayAdmin, queue, 1);

        var pulled = officialConsumer.pull(official(queue), "*", 0, 32);

        assertThat(pulled.getPullStatus()).isEqualTo(PullStatus.FOUND);
        MessageExt m = pulled.getMsgFoundList().get(0);
        assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("from relay");
        assertThat(m.getTags()).isEqualTo("t1");
        assertThat(m.getKeys()).isEqualTo("k1 k2");
        assertThat(m.getUserProperty("color")).isEqualTo("blue");
        assertThat(m.getMsgId()).isEqualTo(sent.msgId());
        assertThat(m.getQueueOffset()).isEqualTo(sent.queueOffset());
        assertThat(officialAdmin.viewMessage(queue.topic(), sent.offsetMsgId()).getBody())
            .isEqualTo("from relay".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void relayReadsWhatTheOfficialProducerSent() throws Exception {
        MessageQueue queue = createOneQueueTopic("OfficialToRelay");
        var message = new org.apache.rocketmq.common.message.Message(queue.topic(), "t2", "ka kb",
            "from official".getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("size", "L");
        var sent = officialProducer.send(message, official(queue));
        var batch = officialProducer.send(List.of(
            new org.apache.rocketmq.common.message.Message(queue.topic(), "b", "x".getBytes(StandardCharsets.UTF_8)),
            new org.apache.rocketmq.common.message.Message(queue.topic(), "b", "y".getBytes(StandardCharsets.UTF_8))),
            official(queue));
        Clients.awaitStored(relayAdmin, queue, 3);

        PullResult pulled = relayConsumer.pull(queue, "*", 0, 32);

        assertThat(pulled.messages()).extracting(ReceivedMessage::bodyAsString).containsExactly("from official", "x", "y");
        ReceivedMessage m = pulled.messages().get(0);
        assertThat(m.tags()).isEqualTo("t2");
        assertThat(m.keys()).containsExactly("ka", "kb");
        assertThat(m.property("size")).isEqualTo("L");
        assertThat(m.msgId()).isEqualTo(sent.getMsgId());
        assertThat(m.offsetMsgId()).isEqualTo(sent.getOffsetMsgId());
        assertThat(relayAdmin.viewMessage(sent.getOffsetMsgId()).bodyAsString()).isEqualTo("from official");
        assertThat(batch.getMsgId().split(",")).hasSize(2);
        // Whatever ids the broker keeps for batch members, Relay reads the same ones as the official consumer.
        List<String> officialIds = officialConsumer.pull(official(queue), "*", 0, 32).getMsgFoundList().stream()
            .map(MessageExt::getMsgId).toList();
        assertThat(pulled.messages()).extracting(ReceivedMessage::msgId).containsExactlyElementsOf(officialIds);
    }

    @Test
    void bothAdminsGiveTheSameAnswers() throws Exception {
        MessageQueue queue = createOneQueueTopic("AdminsAgree");
        for (int i = 0; i < 4; i++) {
            relayProducer.send(Message.builder(queue.topic()).body("m" + i).build(), queue);
        }
        Clients.awaitStored(relayAdmin, queue, 4);
        var mq = official(queue);
        long middle = relayAdmin.earliestMsgStoreTime(queue).toEpochMilli() + 1;

        assertThat(relayAdmin.maxOffset(queue)).isEqualTo(officialAdmin.maxOffset(mq)).isEqualTo(4);
        assertThat(relayAdmin.minOffset(queue)).isEqualTo(officialAdmin.minOffset(mq));
        assertThat(relayAdmin.earliestMsgStoreTime(queue).toEpochMilli()).isEqualTo(officialAdmin.earliestMsgStoreTime(mq));
        assertThat(relayAdmin.searchOffset(queue, Instant.ofEpochMilli(middle))).isEqualTo(officialAdmin.searchOffset(mq, middle));
        assertThat(relayAdmin.searchOffset(queue, Instant.EPOCH)).isEqualTo(officialAdmin.searchOffset(mq, 0));
        var route = officialAdmin.examineTopicRouteInfo(queue.topic());
        assertThat(relayAdmin.readQueues(queue.topic())).hasSize(route.getQueueDatas().get(0).getReadQueueNums());
        assertThat(relayAdmin.topics()).containsAll(officialAdmin.fetchAllTopicList().getTopicList());
    }
}
