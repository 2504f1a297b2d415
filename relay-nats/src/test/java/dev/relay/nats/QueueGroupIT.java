package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Queue groups against a real server: each message goes to exactly one member; plain subscribers get all. */
@NatsTest
@NatsServerOptions(jetStream = false)
class QueueGroupIT {
    private static final int MESSAGES = 600;

    @ParameterizedTest(name = "{0} members on {1} connection(s)")
    @CsvSource({"2, 1", "3, 3", "6, 3"})
    void eachMessageGoesToExactlyOneMemberAndPlainSubscribersGetAll(int members, int connections, NatsServer server) {
        String subject = "work." + members + "." + connections;
        List<Connection> conns = new ArrayList<>();
        try (Connection pub = Clients.connect(server)) {
            for (int i = 0; i < connections; i++) {
                conns.add(Clients.connect(server));
            }
            Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
            List<AtomicInteger> perMember = new ArrayList<>();
            List<Subscription> subs = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                AtomicInteger mine = new AtomicInteger();
                perMember.add(mine);
                subs.add(conns.get(m % connections).subscribe(subject, "workers", msg -> {
                    deliveries.computeIfAbsent(msg.dataAsString(), k -> new AtomicInteger()).incrementAndGet();
                    mine.incrementAndGet();
                }));
            }
            Set<String> plain = ConcurrentHashMap.newKeySet();
            AtomicInteger plainCount = new AtomicInteger();
            Subscription plainSub = conns.get(0).subscribe(subject, msg -> {
                plain.add(msg.dataAsString());
                plainCount.incrementAndGet();
            });
            subs.add(plainSub);
            conns.forEach(c -> c.flush(WAIT));

            for (int i = 0; i < MESSAGES; i++) {
                pub.publish(subject, "m" + i);
            }
            pub.flush(WAIT);
            conns.forEach(c -> c.flush(WAIT)); // now every routed message has arrived at its client

            await().atMost(WAIT).until(() -> subs.stream().allMatch(s -> s.pendingMessages() == 0));
            assertThat(deliveries).hasSize(MESSAGES);
            assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).hasValue(1));
            assertThat(perMember.stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(MESSAGES);
            assertThat(perMember).as("the server spreads the group's work").filteredOn(n -> n.get() > 0).hasSizeGreaterThan(1);
            assertThat(plain).hasSize(MESSAGES);
            assertThat(plainCount).hasValue(MESSAGES);
        } finally {
            conns.forEach(Connection::close);
        }
    }

    @ParameterizedTest(name = "{0} synchronous members")
    @CsvSource({"1", "3"})
    void synchronousMembersShareTheMessages(int members, NatsServer server) {
        String subject = "sync.work." + members;
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            List<Subscription> group = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                group.add(sub.subscribe(subject, "sync-workers"));
            }
            sub.flush(WAIT);
            for (int i = 0; i < MESSAGES; i++) {
                pub.publish(subject, "m" + i);
            }
            pub.flush(WAIT);
            sub.flush(WAIT);

            assertThat(group.stream().mapToInt(Subscription::pendingMessages).sum()).isEqualTo(MESSAGES);
            Set<String> got = ConcurrentHashMap.newKeySet();
            for (Subscription s : group) {
                assertThat(s.queue()).contains("sync-workers");
                int n = s.pendingMessages();
                for (int i = 0; i < n; i++) {
                    assertThat(got.add(s.nextMessage(WAIT).dataAsString())).as("delivered once").isTrue();
                }
            }
            assertThat(got).hasSize(MESSAGES);
        }
    }
}
