package dev.relay.rocketmq.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueSelectorTest {
    private static final List<MessageQueue> QUEUES = List.of(new MessageQueue("T", "a", 0), new MessageQueue("T", "a", 1),
        new MessageQueue("T", "b", 0), new MessageQueue("T", "b", 1));

    @Test
    void roundRobinsOverAllQueues() {
        QueueSelector s = new QueueSelector(1000);
        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picked.add(s.select(QUEUES, null, 0));
        }
        assertThat(picked.subList(0, 4)).containsExactlyElementsOf(QUEUES);
        assertThat(picked.subList(4, 8)).containsExactlyElementsOf(QUEUES);
    }

    @Test
    void aRetrySkipsTheBrokerThatJustFailed() {
        QueueSelector s = new QueueSelector(1000);
        for (int i = 0; i < 8; i++) {
            assertThat(s.select(QUEUES, "a", 0).brokerName()).isEqualTo("b");
        }
    }

    @Test
    void failedBrokersAreAvoidedUntilTheirTimeIsUp() {
        QueueSelector s = new QueueSelector(1000);
        s.markFailed("b", 100);
        for (int i = 0; i < 8; i++) {
            assertThat(s.select(QUEUES, null, 500).brokerName()).isEqualTo("a");
        }
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(s.select(QUEUES, null, 1100).brokerName());
        }
        assertThat(later).contains("a", "b");
        s.markFailed("a", 2000);
        s.markOk("b");
        assertThat(s.select(QUEUES, null, 2100).brokerName()).isEqualTo("b");
    }

    @Test
    void withEveryBrokerFailedItStillPicksOne() {
        QueueSelector s = new QueueSelector(1000);
        s.markFailed("a", 0);
        s.markFailed("b", 0);
        assertThat(s.select(QUEUES, null, 10)).isIn(QUEUES);
        assertThat(s.select(List.of(QUEUES.get(0)), "a", 10)).isEqualTo(QUEUES.get(0));
    }
}
