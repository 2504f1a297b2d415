package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.rocketmq.testing.RocketMqServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Transactions end to end: commit visible at once, rollback never visible, unknown resolved by the
 * broker's check-back (to commit or rollback), no duplicates. Run against each server mode by a subclass.
 */
abstract class AbstractTransactionIT {

    /** Commits or rolls back on check-back by the body: "check-commit" commits, anything else rolls back. */
    private static final class Listener implements TransactionListener {
        final Map<String, Integer> checks = new ConcurrentHashMap<>();

        @Override
        public LocalTransactionState executeLocal(Message message, Object arg) {
            return (LocalTransactionState) arg;
        }

        @Override
        public LocalTransactionState checkLocal(ReceivedMessage message) {
            checks.merge(message.msgId(), 1, Integer::sum);
            return message.bodyAsString().equals("check-commit") ? LocalTransactionState.COMMIT : LocalTransactionState.ROLLBACK;
        }
    }

    @Test
    void commitRollbackAndCheckBack(RocketMqServer server) {
        Listener listener = new Listener();
        List<EndTransactionContext> ends = new CopyOnWriteArrayList<>();
        String topic = Clients.unique("Tx");
        try (Admin admin = RocketMq.admin(Clients.options(server).build());
             PullConsumer consumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build());
             Producer producer = RocketMq.transactionProducer(Clients.options(server).group(Clients.unique("txpg")).build(),
                 listener)) {
            admin.createTopic(topic, 1);
            producer.addEndTransactionHook(ends::add);
            producer.start();
            MessageQueue queue = consumer.queues(topic).get(0);

            TransactionSendResult commit = send(producer, topic, "commit", LocalTransactionState.COMMIT);
            TransactionSendResult rollback = send(producer, topic, "rollback", LocalTransactionState.ROLLBACK);
            TransactionSendResult checkCommit = send(producer, topic, "check-commit", LocalTransactionState.UNKNOWN);
            TransactionSendResult checkRollback = send(producer, topic, "check-rollback", LocalTransactionState.UNKNOWN);
            assertThat(commit.localState()).isEqualTo(LocalTransactionState.COMMIT);
            assertThat(commit.sendResult().status()).isEqualTo(SendStatus.SEND_OK);

            await().atMost(Duration.ofSeconds(30)).until(() -> listener.checks.keySet().containsAll(
                Set.of(msgId(checkCommit), msgId(checkRollback))) && bodies(consumer, queue).contains("check-commit"));

            List<ReceivedMessage> visible = read(consumer, queue);
            assertThat(visible).extracting(ReceivedMessage::bodyAsString).containsExactlyInAnyOrder("commit", "check-commit");
            assertThat(visible).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrder(msgId(commit), msgId(checkCommit));
            assertThat(listener.checks).doesNotContainKeys(msgId(commit), msgId(rollback));
            assertThat(ends).filteredOn(EndTransactionContext::fromTransactionCheck)
                .extracting(EndTransactionContext::msgId).contains(msgId(checkCommit), msgId(checkRollback));
            assertThat(ends).filteredOn(e -> !e.fromTransactionCheck()).extracting(EndTransactionContext::state)
                .containsExactly(LocalTransactionState.COMMIT, LocalTransactionState.ROLLBACK,
                    LocalTransactionState.UNKNOWN, LocalTransactionState.UNKNOWN);
        }
    }

    private static TransactionSendResult send(Producer producer, String topic, String body, LocalTransactionState state) {
        return producer.sendInTransaction(Message.builder(topic).body(body).build(), state);
    }

    private static String msgId(TransactionSendResult r) {
        return r.sendResult().msgId();
    }

    private static List<String> bodies(PullConsumer consumer, MessageQueue queue) {
        return read(consumer, queue).stream().map(ReceivedMessage::bodyAsString).toList();
    }

    private static List<ReceivedMessage> read(PullConsumer consumer, MessageQueue queue) {
        List<ReceivedMessage> all = new ArrayList<>();
        long offset = 0;
        PullResult r;
        do {
            r = consumer.pull(queue, "*", offset, 64);
            all.addAll(r.messages());
            offset = r.nextBeginOffset();
        } while (r.status() == PullResult.Status.FOUND);
        return all;
    }
}
