package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.internal.protocol.RemotingCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.protocol.SerializeType;
import dev.relay.rocketmq.testing.RocketMqServer;
import java.io.DataInputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server configured to answer with ROCKETMQ binary headers ({@code rocketmq.serialize.type}):
 * Relay still sends JSON and reads every binary answer (routes, sends, views, offsets, pulls).
 */
class BinaryHeadersIT {

    @Test
    void everyBinaryAnswerIsRead() throws Exception {
        try (RocketMqServer server = RocketMqServer.start(RocketMqServer.Mode.PLAIN,
                List.of("-Drocketmq.serialize.type=ROCKETMQ"));
             Producer producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).build());
             Admin admin = RocketMq.admin(Clients.options(server).build());
             PullConsumer consumer = RocketMq.pullConsumer(Clients.options(server).group(Clients.unique("cg")).build())) {
            String topic = Clients.unique("Binary");
            admin.createTopic(topic, 1);
            producer.start();
            SendResult sent = producer.send(Message.builder(topic).body("binary").tags("b").keys("k").build());

            assertThat(sent.status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(admin.viewMessage(sent.offsetMsgId()).bodyAsString()).isEqualTo("binary");
            Clients.awaitStored(admin, sent.queue(), 1);
            assertThat(admin.maxOffset(sent.queue())).isEqualTo(1);
            assertThat(consumer.pull(sent.queue(), "b", 0, 8).messages()).extracting(ReceivedMessage::msgId)
                .containsExactly(sent.msgId());
            assertThatThrownBy(() -> admin.readQueues(Clients.unique("Missing"))).isInstanceOf(NoRouteException.class);
            assertThat(headerTypeOfAnswer(server.nameServer())).as("the server really answers in binary").isEqualTo(1);
        }
    }

    /** Sends one JSON request over a plain socket and returns the serialize type of the answer's header. */
    private static int headerTypeOfAnswer(String address) throws Exception {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
            socket.setSoTimeout(5000);
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO).opaque(1);
            socket.getOutputStream().write(RemotingCodec.encode(request, SerializeType.JSON));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            int headerWord = in.readInt();
            assertThat(length).isGreaterThan(4);
            return headerWord >>> 24;
        }
    }
}
