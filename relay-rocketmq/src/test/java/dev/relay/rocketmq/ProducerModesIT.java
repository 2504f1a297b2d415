package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Async, oneway, batch and delayed sends, keys lookup, hooks and connection reuse on the real broker. */
@RocketMqTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducerModesIT {
    private final List<SendContext> hookCalls = new CopyOnWriteArrayList<>();
    private final List<Integer> rpcCodes = new CopyOnWriteArrayList<>();
    private Producer producer;
    private Admin admin;
    private PullConsumer consumer;

    @BeforeAll
    void start(RocketMqServer server) {
        RpcHook recorder = new RpcHook() {
            @Override
            public void beforeRequest(RpcRequest request) {
                rpcCodes.add(request.code());
            }
        };
        producer = RocketMq.producer(Clients.options(server).group(Clients.unique("pg")).rpcHook(recorder).build());
        producer.addSendHook(new SendMessageHook() {
            @Override
            public void sendMessageAfter(SendContext context) {
                hookCalls.add(context);
            }
        });
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

    private String topic(String prefix, int queues) {
        String topic = Clients.unique(prefix);
        admin.createTopic(topic, queues);
        return topic;
    }

    private List<ReceivedMessage> readAll(String topic) {
        List<ReceivedMessage> all = new ArrayList<>();
        for (MessageQueue q : consumer.queues(topic)) {
            long offset = 0;
            PullResult r;
            do {
                r = consumer.pull(q, "*", offset, 64);
                all.addAll(r.messages());
                offset = r.nextBeginOffset();
            } while (r.status() == PullResult.Status.FOUND);
        }
        return all;
    }

    @Test
    void asyncSendsAllCompleteAndAreStored() {
        String topic = topic("Async", 4);
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(producer.sendAsync(Message.builder(topic).body("a" + i).build()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

        Set<String> ids = futures.stream().map(f -> f.join().msgId()).collect(Collectors.toSet());
        assertThat(ids).hasSize(200);
        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(SendStatus.SEND_OK));
        assertThat(futures.stream().map(f -> f.join().queue().queueId()).collect(Collectors.toSet()))
            .as("round-robin spreads over all queues").containsExactlyInAnyOrder(0, 1, 2, 3);
        Clients.awaitStored(admin, topic, 200);
        assertThat(readAll(topic)).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void onewaySendsAreStored() {
        String topic = topic("Oneway", 1);
        for (int i = 0; i < 20; i++) {
            producer.sendOneway(Message.builder(topic).body("o" + i).build());
        }
        MessageQueue queue = admin.readQueues(topic).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.maxOffset(queue) == 20);
        assertThat(readAll(topic)).extracting(ReceivedMessage::bodyAsString).containsExactlyInAnyOrder(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "o" + i).toArray(String[]::new));
    }

    @Test
    void aBatchIsStoredAsSeparateMessagesWithTheirOwnIds() {
        String topic = topic("Batch", 1);
        List<Message> batch = List.of(Message.builder(topic).body("b0").keys("k0").build(),
            Message.builder(topic).body("b1").tags("t1").build(), Message.builder(topic).body("b2").build());

        SendResult result = producer.sendBatch(batch);

        assertThat(result.msgId().split(",")).hasSize(3);
        assertThat(result.offsetMsgId().split(",")).hasSize(3);
        ReceivedMessage second = admin.viewMessage(result.offsetMsgId().split(",")[1]);
        assertThat(second.bodyAsString()).isEqualTo("b1");
        assertThat(second.tags()).isEqualTo("t1");
        assertThat(second.msgId()).isEqualTo(result.msgId().split(",")[1]);
        Clients.awaitStored(admin, topic, 3);
        assertThat(readAll(topic)).extracting(ReceivedMessage::bodyAsString).containsExactly("b0", "b1", "b2");
    }

    @Test
    void aDelayedMessageWaitsInTheScheduleTopicThenArrives() {
        String topic = topic("Delay", 1);
        SendResult result = producer.send(Message.builder(topic).body("later").delayLevel(1).build());

        ReceivedMessage parked = admin.viewMessage(result.offsetMsgId());
        assertThat(parked.topic()).isEqualTo("SCHEDULE_TOPIC_XXXX");
        assertThat(parked.property("REAL_TOPIC")).isEqualTo(topic);
        assertThat(parked.property("DELAY")).isEqualTo("1");
        await().atMost(Duration.ofSeconds(20)).until(() -> readAll(topic).size() == 1);
        assertThat(readAll(topic).get(0).msgId()).isEqualTo(result.msgId());
    }

    @Test
    void messagesAreFoundByKeyAndByUniqueId() {
        String topic = topic("Keys", 2);
        Instant before = Instant.now().minusSeconds(60);
        SendResult result = producer.send(Message.builder(topic).body("findme").keys("order-42", "cust-7").build());

        await().atMost(Duration.ofSeconds(10)).until(() ->
            !admin.queryMessageByKey(topic, "order-42", 10, before, Instant.now().plusSeconds(60)).isEmpty());
        assertThat(admin.queryMessageByKey(topic, "cust-7", 10, before, Instant.now().plusSeconds(60)))
            .extracting(ReceivedMessage::msgId).containsExactly(result.msgId());
        assertThat(admin.queryMessageByUniqueKey(topic, result.msgId())).extracting(ReceivedMessage::bodyAsString)
            .containsExactly("findme");
    }

    @Test
    void hooksSeeEverySendAndRequest() {
        String topic = topic("Hooks", 1);
        hookCalls.clear();
        SendResult result = producer.send(Message.builder(topic).body("h").build());
        producer.sendAsync(Message.builder(topic).body("h2").build()).join();

        assertThat(hookCalls).hasSize(2);
        SendContext sync = hookCalls.get(0);
        assertThat(sync.mode()).isEqualTo(SendContext.Mode.SYNC);
        assertThat(sync.result()).isEqualTo(result);
        assertThat(sync.exception()).isNull();
        assertThat(sync.brokerAddress()).startsWith("127.0.0.1:");
        assertThat(sync.message().topic()).isEqualTo(topic);
        assertThat(hookCalls.get(1).mode()).isEqualTo(SendContext.Mode.ASYNC);
        assertThat(rpcCodes).contains(310, 105, 34);
    }

    @Test
    void routesAreRefreshedSoNewQueuesAreUsed(RocketMqServer server) {
        String topic = topic("Refresh", 1);
        try (Producer fast = RocketMq.producer(Clients.options(server).group(Clients.unique("pg"))
            .routeRefreshInterval(Duration.ofMillis(200)).build())) {
            fast.start();
            assertThat(fast.send(Message.builder(topic).body("one queue").build()).queue().queueId()).isZero();
            admin.createTopic(topic, 4);
            Set<Integer> used = new java.util.concurrent.ConcurrentSkipListSet<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                used.add(fast.send(Message.builder(topic).body("more").build()).queue().queueId());
                return used.size() == 4;
            });
            assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void everyRequestReusesOneConnectionPerServer(RocketMqServer server) {
        String topic = topic("Reuse", 2);
        for (int i = 0; i < 30; i++) {
            producer.send(Message.builder(topic).body("r" + i).build());
        }
        assertThat(((dev.relay.rocketmq.internal.client.RealProducer) producer).connectedAddresses())
            .containsExactlyInAnyOrder(server.nameServer(), server.brokerAddress());
    }
}
