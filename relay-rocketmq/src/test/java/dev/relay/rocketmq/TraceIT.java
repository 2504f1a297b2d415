package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceType;
import org.junit.jupiter.api.Test;

/** Message traces: written to the trace topic, found by msgId, and decoded by the official client's decoder. */
@RocketMqTest
class TraceIT {

    private static final class Commit implements TransactionListener {
        @Override
        public LocalTransactionState executeLocal(Message message, Object arg) {
            return LocalTransactionState.COMMIT;
        }

        @Override
        public LocalTransactionState checkLocal(ReceivedMessage message) {
            return LocalTransactionState.COMMIT;
        }
    }

    @Test
    void sendsAndTransactionEndsAreTracedInTheOfficialFormat(RocketMqServer server) {
        String topic = Clients.unique("Traced");
        String group = Clients.unique("tracepg");
        SendResult sent;
        TransactionSendResult tx;
        try (Producer producer = RocketMq.transactionProducer(Clients.options(server).group(group).trace(true).build(),
            new Commit())) {
            producer.start();
            sent = producer.send(Message.builder(topic).body("traced body").tags("tt").keys("tk1").build());
            tx = producer.sendInTransaction(Message.builder(topic).body("traced tx").build(), null);
        }
        try (Admin admin = RocketMq.admin(Clients.options(server).build());
             PullConsumer consumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                !admin.queryTrace(ClientOptions.DEFAULT_TRACE_TOPIC, sent.msgId()).isEmpty()
                    && !admin.queryTrace(ClientOptions.DEFAULT_TRACE_TOPIC, tx.sendResult().msgId()).isEmpty());
            TraceRecord pub = admin.queryTrace(ClientOptions.DEFAULT_TRACE_TOPIC, sent.msgId()).get(0);
            assertThat(pub.type()).isEqualTo("Pub");
            assertThat(pub.topic()).isEqualTo(topic);
            assertThat(pub.group()).isEqualTo(group);
            assertThat(admin.queryTrace(ClientOptions.DEFAULT_TRACE_TOPIC, tx.sendResult().msgId()))
                .extracting(TraceRecord::type).contains("Pub", "EndTransaction");

            List<TraceContext> official = new ArrayList<>();
            for (MessageQueue q : consumer.queues(ClientOptions.DEFAULT_TRACE_TOPIC)) {
                for (ReceivedMessage m : consumer.pull(q, "*", 0, 256).messages()) {
                    official.addAll(TraceDataEncoder.decoderFromTraceDataString(m.bodyAsString()));
                }
            }
            TraceContext pubContext = find(official, TraceType.Pub, sent.msgId());
            TraceBean bean = pubContext.getTraceBeans().get(0);
            assertThat(pubContext.isSuccess()).isTrue();
            assertThat(pubContext.getGroupName()).isEqualTo(group);
            assertThat(bean.getTopic()).isEqualTo(topic);
            assertThat(bean.getTags()).isEqualTo("tt");
            assertThat(bean.getKeys()).isEqualTo("tk1");
            assertThat(bean.getOffsetMsgId()).isEqualTo(sent.offsetMsgId());
            assertThat(bean.getStoreHost()).isEqualTo(server.brokerAddress());
            assertThat(bean.getBodyLength()).isEqualTo("traced body".length());
            TraceContext end = find(official, TraceType.EndTransaction, tx.sendResult().msgId());
            assertThat(end.getTraceBeans().get(0).getTransactionState().name()).isEqualTo("COMMIT_MESSAGE");
            assertThat(end.getTraceBeans().get(0).isFromTransactionCheck()).isFalse();
        }
    }

    @Test
    void aCustomTraceTopicIsUsed(RocketMqServer server) {
        String traceTopic = Clients.unique("MyTrace");
        SendResult sent;
        try (Producer producer = RocketMq.producer(Clients.options(server).traceTopic(traceTopic).build())) {
            producer.start();
            sent = producer.send(Message.builder(Clients.unique("Traced2")).body("x").build());
        }
        try (Admin admin = RocketMq.admin(Clients.options(server).build())) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> !admin.queryTrace(traceTopic, sent.msgId()).isEmpty());
            assertThat(admin.queryTrace(traceTopic, sent.msgId()).get(0).fields().get(13)).isEqualTo("true");
        }
    }

    private static TraceContext find(List<TraceContext> contexts, TraceType type, String msgId) {
        return contexts.stream().filter(c -> c.getTraceType() == type
            && c.getTraceBeans().get(0).getMsgId().equals(msgId)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " trace for " + msgId + " in " + contexts));
    }
}
