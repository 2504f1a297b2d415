package dev.relay.rocketmq.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicRouteTest {
    private static final String ROUTE = "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\",\"1\":\"127.0.0.1:10921\"},"
        + "\"brokerName\":\"b\",\"cluster\":\"C\"},{\"brokerAddrs\":{\"1\":\"127.0.0.1:10931\"},\"brokerName\":\"slaveOnly\",\"cluster\":\"C\"}],"
        + "\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"readQueueNums\":3,\"writeQueueNums\":2,"
        + "\"topicSysFlag\":0},{\"brokerName\":\"slaveOnly\",\"perm\":6,\"readQueueNums\":1,\"writeQueueNums\":1,\"topicSysFlag\":0},"
        + "{\"brokerName\":\"a\",\"perm\":4,\"readQueueNums\":1,\"writeQueueNums\":1,\"topicSysFlag\":0}]}";

    @Test
    void writeQueuesAreOnWritableBrokersWithAMaster() {
        TopicRoute route = TopicRoute.parse(ROUTE.getBytes(StandardCharsets.UTF_8));
        assertThat(route.masterOf("b")).isEqualTo("127.0.0.1:10911");
        assertThat(route.writeQueues("T")).containsExactly(new MessageQueue("T", "b", 0), new MessageQueue("T", "b", 1));
        assertThat(route.readQueues("T")).hasSize(5).first().isEqualTo(new MessageQueue("T", "a", 0));
    }

    @Test
    void acceptsTheUnquotedIntegerKeysOldVersionsGet() {
        String loose = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},\"brokerName\":\"b\",\"cluster\":\"C\"}],"
            + "\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"readQueueNums\":1,\"writeQueueNums\":1}]}";
        assertThat(TopicRoute.parse(loose.getBytes(StandardCharsets.UTF_8)).masterOf("b")).isEqualTo("127.0.0.1:10911");
    }

    @Test
    void rejectsNonJson() {
        assertThatThrownBy(() -> TopicRoute.parse("nope".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(RocketMqProtocolException.class);
    }
}
