package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Errors that belong to no caller, against a real server: slow consumers and handlers that throw. */
@NatsTest
@NatsServerOptions(jetStream = false)
class ErrorListenerIT {

    @Test
    void aSlowConsumerDropsOverItsPendingLimitsAndIsReportedOncePerEpisode(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection sub = Clients.connect(server, recorder); Connection pub = Clients.connect(server)) {
            Gate gate = new Gate();
            AtomicInteger handled = new AtomicInteger();
            Subscription slow = sub.createDispatcher().subscribe("slow.sub", m -> {
                gate.pass();
                handled.incrementAndGet();
            });
            slow.pendingLimits(10, 1024 * 1024);
            sub.flush(WAIT);

            for (int i = 0; i < 100; i++) {
                pub.publish("slow.sub", "m" + i);
            }
            pub.flush(WAIT);
            sub.flush(WAIT); // all 100 have reached the subscription
            awaitEarlierListenerCalls(sub, pub, recorder);

            // The first message is in the blocked handler and still counts as pending: 10 fit, 90 drop.
            assertThat(slow.receivedMessages()).isEqualTo(100);
            assertThat(slow.pendingMessages()).isEqualTo(10);
            assertThat(slow.droppedMessages()).isEqualTo(90);
            assertThat(sub.statistics().droppedMessages()).isEqualTo(90);
            assertThat(recorder.slowConsumers).containsExactly(slow);

            gate.open();
            await().atMost(WAIT).until(() -> handled.get() == 10);
            for (int i = 0; i < 5; i++) {
                pub.publish("slow.sub", "later" + i);
            }
            pub.flush(WAIT);
            await().atMost(WAIT).until(() -> handled.get() == 15);
            assertThat(slow.droppedMessages()).isEqualTo(90);
            awaitEarlierListenerCalls(sub, pub, recorder);
            assertThat(recorder.slowConsumers).as("caught up: no new episode").hasSize(1);
            assertThat(slow.isActive()).isTrue();
        }
    }

    @Test
    void aDispatcherBoundsWhatAllItsSubscriptionsHoldTogether(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection sub = Clients.connect(server, recorder); Connection pub = Clients.connect(server)) {
            Gate gate = new Gate();
            AtomicInteger handled = new AtomicInteger();
            Dispatcher d = sub.createDispatcher();
            d.pendingLimits(5, 1024 * 1024);
            Subscription a = d.subscribe("dl.a", m -> {
                gate.pass();
                handled.incrementAndGet();
            });
            Subscription b = d.subscribe("dl.b", m -> handled.incrementAndGet());
            sub.flush(WAIT);

            for (int i = 0; i < 10; i++) {
                pub.publish("dl.a", "a" + i);
                pub.publish("dl.b", "b" + i);
            }
            pub.flush(WAIT);
            sub.flush(WAIT);
            awaitEarlierListenerCalls(sub, pub, recorder);

            // Each subscription alone is far below its own limits; together they hit the dispatcher's 5.
            assertThat(d.pendingMessages()).isEqualTo(5);
            assertThat(d.droppedMessages()).isEqualTo(15);
            assertThat(a.droppedMessages() + b.droppedMessages()).isEqualTo(15);
            assertThat(sub.statistics().droppedMessages()).isEqualTo(15);
            assertThat(recorder.slowConsumers).isNotEmpty();

            gate.open();
            await().atMost(WAIT).until(() -> handled.get() == 5 && d.pendingMessages() == 0);
            pub.publish("dl.b", "later");
            pub.flush(WAIT);
            await().atMost(WAIT).until(() -> handled.get() == 6);
        }
    }

    @Test
    void aSecondEpisodeIsReportedAgainAfterTheSubscriptionCaughtUp(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection sub = Clients.connect(server, recorder); Connection pub = Clients.connect(server)) {
            Subscription slow = sub.subscribe("slow.sync");
            slow.pendingLimits(3, 1024 * 1024);
            sub.flush(WAIT);

            for (int episode = 1; episode <= 2; episode++) {
                for (int i = 0; i < 10; i++) {
                    pub.publish("slow.sync", "e" + episode + "m" + i);
                }
                pub.flush(WAIT);
                sub.flush(WAIT);
                for (int i = 0; i < 3; i++) {
                    assertThat(slow.nextMessage(WAIT).dataAsString()).isEqualTo("e" + episode + "m" + i);
                }
                awaitEarlierListenerCalls(sub, pub, recorder);
                assertThat(recorder.slowConsumers).hasSize(episode);
            }
            assertThat(slow.droppedMessages()).isEqualTo(14);
        }
    }

    @Test
    void aHandlerThatThrowsIsReportedAndDeliveryGoesOn(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection sub = Clients.connect(server, recorder); Connection pub = Clients.connect(server)) {
            List<String> handled = new CopyOnWriteArrayList<>();
            IllegalStateException boom = new IllegalStateException("boom from the handler");
            sub.subscribe("throws", m -> {
                handled.add(m.dataAsString());
                if (m.dataAsString().startsWith("bad")) {
                    throw boom;
                }
            });
            sub.flush(WAIT);

            pub.publish("throws", "good1");
            pub.publish("throws", "bad1");
            pub.publish("throws", "good2");
            pub.publish("throws", "bad2");
            pub.publish("throws", "good3");
            pub.flush(WAIT);

            await().atMost(WAIT).until(() -> handled.size() == 5 && recorder.exceptions.size() == 2);
            assertThat(handled).containsExactly("good1", "bad1", "good2", "bad2", "good3");
            assertThat(recorder.exceptions).allSatisfy(e -> {
                assertThat(e).isInstanceOf(NatsException.class).hasMessageContaining("throws");
                assertThat(e.getCause()).isSameAs(boom);
            });
            assertThat(sub.statistics().errors()).isEqualTo(2);
            assertThat(sub.status()).isEqualTo(ConnectionStatus.CONNECTED);
        }
    }

    /**
     * Waits until the error listener has heard everything the connection reported so far. Listener
     * calls run in order on one thread, and a handler exception is reported after every earlier
     * message was offered, so once its report arrives all earlier reports have arrived too.
     */
    private static void awaitEarlierListenerCalls(Connection sub, Connection pub, Recorder recorder) {
        String subject = "marker." + Nats.newInbox();
        Subscription marker = sub.subscribe(subject, m -> {
            throw new IllegalStateException("marker");
        });
        sub.flush(WAIT);
        int before = recorder.exceptions.size();
        pub.publish(subject, "x");
        pub.flush(WAIT);
        await().atMost(WAIT).until(() -> recorder.exceptions.size() > before);
        marker.unsubscribe();
    }
}
