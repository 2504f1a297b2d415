package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publish and subscribe against a real server: wildcards, sync and async delivery, echo, flush, auto-unsubscribe. */
@NatsTest
@NatsServerOptions(jetStream = false)
class PublishSubscribeIT {
    private static final List<String> SUBJECTS = List.of(
        "wc.a", "wc.a.b", "wc.a.b.c", "wc.x.b", "wc", "other.a.b", "wcx.a.b");

    @Test
    void starMatchesExactlyOneTokenOnASyncSubscription(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("wc.*.b");
            sub.flush(WAIT);

            publishAll(pub);
            sub.flush(WAIT); // everything the server routed to sub has now arrived

            assertThat(s.pendingMessages()).isEqualTo(2);
            assertThat(s.nextMessage(WAIT).subject()).isEqualTo("wc.a.b");
            assertThat(s.nextMessage(WAIT).subject()).isEqualTo("wc.x.b");
        }
    }

    @Test
    void aWildcardSubscriptionReportsEachMessagesOwnSubjectWhenSubjectsOfOneLengthAlternate(NatsServer server) {
        // same length, differing in the first word, in the tail, or not at all: the repeated-subject
        // shortcut must never hand out the previous message's subject
        List<String> subjects = List.of("alt.aaaaaaaaaaaa1", "alt.aaaaaaaaaaaa2", "alt.aaaaaaaaaaaa2",
            "alt.baaaaaaaaaaa2", "alt.baaaaaaaaaaa2", "alt.baaaaaaaaaaa2", "alt.aaaaaaaaaaaa1", "alt.x");
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("alt.*");
            sub.flush(WAIT);
            for (String subject : subjects) {
                pub.publish(subject, new byte[0]);
            }
            pub.flush(WAIT);
            for (String subject : subjects) {
                assertThat(s.nextMessage(WAIT).subject()).isEqualTo(subject);
            }
        }
    }

    @Test
    void greaterThanMatchesOneOrMoreTrailingTokensOnAnAsyncSubscription(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            List<String> deep = new CopyOnWriteArrayList<>();
            Subscription deepSub = sub.subscribe("wc.a.>", m -> deep.add(m.subject()));
            List<String> all = new CopyOnWriteArrayList<>();
            Subscription allSub = sub.subscribe("wc.>", m -> all.add(m.subject()));
            sub.flush(WAIT);

            publishAll(pub);
            sub.flush(WAIT);

            await().atMost(WAIT).until(() -> deepSub.pendingMessages() == 0 && allSub.pendingMessages() == 0);
            assertThat(deep).containsExactly("wc.a.b", "wc.a.b.c");
            assertThat(all).containsExactly("wc.a", "wc.a.b", "wc.a.b.c", "wc.x.b");
        }
    }

    @Test
    void aSubscriptionReceivesWhatItsOwnConnectionPublishes(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("own.*");
            nc.publish("own.one", "1");
            nc.publish("own.two", "2");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("1");
            Message second = s.nextMessage(WAIT);
            assertThat(second.subject()).isEqualTo("own.two");
            assertThat(second.subscription()).isSameAs(s);
            assertThat(second.replyTo()).isEmpty();
        }
    }

    @Test
    void echoFalseSuppressesOwnMessagesButNotOthers(NatsServer server) {
        try (Connection quiet = Nats.connect(Clients.options(server).echo(false).build());
             Connection other = Clients.connect(server)) {
            Subscription onQuiet = quiet.subscribe("echo.x");
            Subscription onOther = other.subscribe("echo.x");
            quiet.flush(WAIT);
            other.flush(WAIT);

            quiet.publish("echo.x", "mine");
            quiet.flush(WAIT); // the server has routed "mine" before "theirs" is even sent
            other.publish("echo.x", "theirs");

            assertThat(onQuiet.nextMessage(WAIT).dataAsString()).isEqualTo("theirs");
            assertThat(onOther.nextMessage(WAIT).dataAsString()).isEqualTo("mine");
            assertThat(onOther.nextMessage(WAIT).dataAsString()).isEqualTo("theirs");
        }
    }

    @Test
    void afterFlushTheServerHasEveryMessage(NatsServer server) {
        int n = 2_000;
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            sub.subscribe("flush.test", m -> seen.add(m.dataAsString()));
            sub.flush(WAIT);

            for (int i = 0; i < n; i++) {
                pub.publish("flush.test", Integer.toString(i));
            }
            pub.flush(WAIT);
            // Flush returned: the server has every message; the subscriber's own flush makes them arrive.
            sub.flush(WAIT);

            await().atMost(WAIT).until(() -> seen.size() == n);
        }
    }

    @Test
    void autoUnsubscribeOnAnAsyncSubscriptionDeliversExactlyMax(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            AtomicInteger handled = new AtomicInteger();
            Subscription s = sub.subscribe("auto.async", m -> handled.incrementAndGet());
            s.unsubscribe(3);
            sub.flush(WAIT); // the server knows the max before anything is published

            for (int i = 0; i < 10; i++) {
                pub.publish("auto.async", "m" + i);
            }
            pub.flush(WAIT);
            sub.flush(WAIT);

            await().atMost(WAIT).until(() -> !s.isActive());
            assertThat(handled).hasValue(3);
            assertThat(s.receivedMessages()).as("the server stopped after 3").isEqualTo(3);
        }
    }

    @Test
    void autoUnsubscribeOnASyncSubscriptionEndsItAfterMax(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("auto.sync");
            s.unsubscribe(3);
            sub.flush(WAIT);

            for (int i = 0; i < 10; i++) {
                pub.publish("auto.sync", "m" + i);
            }
            pub.flush(WAIT);

            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(s.nextMessage(WAIT).dataAsString());
            }
            assertThat(got).containsExactly("m0", "m1", "m2");
            await().atMost(WAIT).until(() -> !s.isActive());
            assertThatThrownBy(() -> s.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
        }
    }

    /**
     * A stress test for a race: the subscription used to count the last message as received before
     * counting it as pending, and a consumer that emptied the queue in between ended the subscription
     * without it (about 4 in 20,000 rounds on a laptop). Each round costs one round trip.
     */
    @Test
    void autoUnsubscribeNeverLosesTheLastMessageToAConcurrentReader(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            int lost = 0;
            for (int i = 0; i < 20_000; i++) {
                Subscription s = nc.subscribe("auto.race." + i);
                s.unsubscribe(2);
                nc.publish("auto.race." + i, "a");
                nc.publish("auto.race." + i, "b");
                try {
                    s.nextMessage(WAIT);
                    s.nextMessage(WAIT);
                } catch (ConnectionClosedException e) {
                    lost++;
                }
            }
            assertThat(lost).as("rounds whose second message was lost").isZero();
        }
    }

    @Test
    void autoUnsubscribeBelowWhatWasReceivedDeliversUpToTheCountThenEnds(NatsServer server) {
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("auto.late");
            sub.flush(WAIT);
            for (int i = 0; i < 5; i++) {
                pub.publish("auto.late", "m" + i);
            }
            pub.flush(WAIT);
            sub.flush(WAIT);
            await().atMost(WAIT).until(() -> s.receivedMessages() == 5);
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("m0");

            s.unsubscribe(3);

            // three in total: the two still queued within the count are delivered, the rest dropped
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("m1");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("m2");
            assertThat(s.isActive()).isFalse();
            assertThatThrownBy(() -> s.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void autoUnsubscribeAtWhatWasAlreadyDeliveredEndsAtOnce(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("auto.done");
            nc.flush(WAIT);
            nc.publish("auto.done", "m0");
            nc.publish("auto.done", "m1");
            nc.flush(WAIT);
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("m0");

            s.unsubscribe(1);

            assertThat(s.isActive()).isFalse();
            assertThatThrownBy(() -> s.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
        }
    }

    /**
     * Publishes every test subject and flushes: once this returns the server has routed them all
     * to the subscribers' connections.
     */
    private static void publishAll(Connection pub) {
        for (String subject : SUBJECTS) {
            pub.publish(subject, subject);
        }
        pub.flush(WAIT);
    }

    /**
     * An auto-unsubscribe count already reached by messages still queued used to end the subscription at
     * once, and a synchronous reader that was behind lost them.
     */
    @Test
    void anAutoUnsubscribeAlreadyReachedStillDeliversWhatIsQueued(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("auto.queued");
            nc.flush(WAIT);
            for (int i = 0; i < 5; i++) {
                nc.publish("auto.queued", "m" + i);
            }
            nc.flush(WAIT);
            await().atMost(WAIT).until(() -> s.pendingMessages() == 5);

            s.unsubscribe(5);

            for (int i = 0; i < 5; i++) {
                assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("m" + i);
            }
            assertThat(s.isActive()).isFalse();
            assertThatThrownBy(() -> s.nextMessage(WAIT)).isInstanceOf(ConnectionClosedException.class);
            nc.publish("auto.queued", "after");
            nc.flush(WAIT);
            assertThat(s.receivedMessages()).isEqualTo(5);
        }
    }
}
