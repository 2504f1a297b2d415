package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a reconnect gives back to the new server process: queue groups, auto-unsubscribe limits with
 * only what is left of them, subscriptions made (or ended) while disconnected, and a consumer blocked
 * in {@code nextMessage} that simply keeps waiting.
 *
 * <p>Counting what the server sent: a flush returns once the PONG is parsed, and the MSGs before it
 * were handed to their subscriptions on the way ({@link Subscription#receivedMessages()} is exact
 * then). {@link Statistics#inMessages()} is published after each read, so it is exact after a second
 * flush, whose PONG cannot share a read with the first.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class RestoreIT {

    @Test
    void queueGroupsAndWhatIsLeftOfAnAutoUnsubscribeAreRestored(NatsServer server) {
        Recorder recorder = new Recorder();
        Recorder mateRecorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build());
             Connection mate = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(mateRecorder).build())) {
            Subscription worker = nc.subscribe("restore.q", "workers");
            Subscription otherWorker = mate.subscribe("restore.q", "workers");
            Subscription auto = nc.subscribe("restore.auto");
            auto.unsubscribe(5);
            nc.flush(WAIT);
            mate.flush(WAIT);
            nc.publish("restore.auto", "a1");
            nc.publish("restore.auto", "a2");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a1");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a2");

            server.kill();
            server.restart();
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            mateRecorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            nc.flush(WAIT);
            mate.flush(WAIT);

            long inBefore = inMessages(nc);
            for (int i = 3; i <= 12; i++) {
                nc.publish("restore.auto", "a" + i);
            }
            long fromServer = inMessages(nc) - inBefore;
            assertThat(fromServer).as("messages the server sent for an UNSUB 5 with 2 already received").isEqualTo(3);
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a3");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a4");
            assertThat(auto.nextMessage(WAIT).dataAsString()).isEqualTo("a5");
            assertThat(auto.isActive()).isFalse();
            assertThatThrownBy(() -> auto.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);

            long before = worker.receivedMessages() + otherWorker.receivedMessages();
            for (int i = 0; i < 100; i++) {
                nc.publish("restore.q", "job " + i);
            }
            nc.flush(WAIT);
            mate.flush(WAIT);
            // a queue member restored as a plain subscription would get all 100 on top of its mate's share
            assertThat(worker.receivedMessages() + otherWorker.receivedMessages() - before).isEqualTo(100);
            assertThat(worker.receivedMessages()).isPositive();
            assertThat(worker.queue()).contains("workers");
        }
    }

    @Test
    void subscriptionsMadeOrEndedWhileDisconnectedAreSoOnTheNewServer(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build())) {
            nc.flush(WAIT);
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);

            Subscription plain = nc.subscribe("late.plain");
            Subscription queued = nc.subscribe("late.queued", "group");
            Subscription limited = nc.subscribe("late.limited");
            limited.unsubscribe(2);
            CompletableFuture<Message> handled = new CompletableFuture<>();
            nc.createDispatcher().subscribe("late.handled", handled::complete);
            Subscription ended = nc.subscribe("late.ended");
            ended.unsubscribe();

            server.restart();
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            nc.flush(WAIT);
            long inBefore = inMessages(nc);
            try (Connection publisher = Clients.connect(server)) {
                publisher.publish("late.plain", "p");
                publisher.publish("late.queued", "q");
                for (int i = 0; i < 5; i++) {
                    publisher.publish("late.limited", "l" + i);
                }
                publisher.publish("late.handled", "h");
                publisher.publish("late.ended", "e");
                publisher.flush(WAIT);
            }

            // each once, though both the restore and the bytes kept while disconnected carry its SUB
            assertThat(inMessages(nc) - inBefore).isEqualTo(1 + 1 + 2 + 1);
            assertThat(plain.nextMessage(WAIT).dataAsString()).isEqualTo("p");
            assertThat(plain.receivedMessages()).isEqualTo(1);
            assertThat(queued.nextMessage(WAIT).dataAsString()).isEqualTo("q");
            assertThat(queued.receivedMessages()).isEqualTo(1);
            assertThat(limited.nextMessage(WAIT).dataAsString()).isEqualTo("l0");
            assertThat(limited.nextMessage(WAIT).dataAsString()).isEqualTo("l1");
            assertThat(limited.isActive()).isFalse();
            assertThat(handled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("h");
            assertThat(ended.receivedMessages()).isZero();
        }
    }

    @Test
    void aConsumerWaitingInNextMessageGetsAMessagePublishedAfterTheReconnect(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build())) {
            Subscription s = nc.subscribe("restore.sync");
            nc.flush(WAIT);
            Future<Message> next = consumer.submit(() -> s.nextMessage(Duration.ofSeconds(60)));

            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);
            server.restart();
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            nc.flush(WAIT);
            assertThat(next).isNotDone();

            try (Connection publisher = Clients.connect(server)) {
                publisher.publish("restore.sync", "after the restart");
            }
            assertThat(next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("after the restart");
        } finally {
            consumer.shutdownNow();
        }
    }

    /** What the server sent so far: exact once everything before a second flush's PONG was read. */
    private static long inMessages(Connection nc) {
        nc.flush(WAIT);
        nc.flush(WAIT);
        return nc.statistics().inMessages();
    }
}
