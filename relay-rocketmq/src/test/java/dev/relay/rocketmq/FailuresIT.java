package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Name server failover, refused and silent servers, use after shutdown. */
@RocketMqTest
class FailuresIT {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aDeadNameServerFirstInTheListIsSkipped(RocketMqServer server) throws IOException {
        ClientOptions options = ClientOptions.builder().nameServers("127.0.0.1:" + closedPort(), server.nameServer())
            .group(Clients.unique("pg")).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThat(producer.send(Message.builder(Clients.unique("Failover")).body("x").build()).status())
                .isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port = closedPort();
        ClientOptions options = ClientOptions.builder().nameServers("127.0.0.1:" + port).build();
        try (Producer producer = RocketMq.producer(options)) {
            producer.start();
            assertThatThrownBy(() -> producer.send(Message.builder("T").body("x").build()))
                .isInstanceOf(RocketMqConnectionException.class).hasMessageContaining("127.0.0.1:" + port)
                .matches(e -> ((RocketMqException) e).isRetriable());
        }
    }

    @Test
    void aSilentServerTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Admin admin = RocketMq.admin(ClientOptions.builder().nameServers("127.0.0.1:" + silent.getLocalPort())
                 .requestTimeout(Duration.ofMillis(300)).build())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThatThrownBy(admin::topics).isInstanceOf(RocketMqTimeoutException.class)
                .hasMessageContaining("within 300 ms");
        }
    }

    @Test
    void anUnknownTopicHasNoRouteForAdmin(RocketMqServer server) {
        try (Admin admin = RocketMq.admin(Clients.options(server).build())) {
            assertThatThrownBy(() -> admin.readQueues(Clients.unique("Missing"))).isInstanceOf(NoRouteException.class);
        }
    }

    @Test
    void useAfterShutdownAndBeforeStartFailsClearly(RocketMqServer server) {
        Producer producer = RocketMq.producer(Clients.options(server).build());
        Message m = Message.builder("T").body("x").build();
        assertThatThrownBy(() -> producer.send(m)).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        producer.start();
        producer.shutdown();
        assertThatThrownBy(() -> producer.send(m)).isInstanceOf(ClientClosedException.class);
        assertThat(producer.sendAsync(m)).isCompletedExceptionally();
    }

    @Test
    void sendingWithoutATransactionListenerIsRefused(RocketMqServer server) {
        try (Producer producer = RocketMq.producer(Clients.options(server).build())) {
            producer.start();
            assertThatThrownBy(() -> producer.sendInTransaction(Message.builder("T").body("x").build(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TransactionListener");
        }
    }
}
