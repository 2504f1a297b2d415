package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.Options;
import dev.relay.testkit.NatsCluster;
import dev.relay.testkit.NatsClusterOptions;
import dev.relay.testkit.NatsTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * JetStream on a real 3-node nats-server cluster (the current release by default) while the leader of
 * an R3 file stream is killed (SIGKILL) and restarted, {@value #ROUNDS} times: a publisher sending with
 * message ids and retrying until acknowledged, a continuous pull consume and an ordered consumer run
 * throughout. Asserts that nothing acknowledged is lost, nothing is stored twice and the ordered consumer
 * sees every message once in order; the recovery times go to {@code target/leader-loss.md}, never into an
 * assertion. A consumer still behind a minute after the last round fails the test with what each
 * consumer saw and what the server says of every consumer on the stream.
 */
@NatsTest
@NatsClusterOptions(nodes = 3, jetStream = true)
class LeaderLossIT {
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 300;
    private static final int MAX_MESSAGES = 100_000;
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Path REPORT = Path.of("target", "leader-loss.md");

    /**
     * What one consumer saw: per stream sequence the consumer sequences it came with, the payload and
     * when it first came. The same stream sequence under a new consumer sequence is a redelivery (also
     * when a new consumer leader re-sends it without counting it, nats-server 2.9); the same pair twice
     * would be one delivery handed over twice.
     */
    private static final class Seen {
        final Map<Long, List<Long>> deliveries = new ConcurrentHashMap<>();
        final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
        final Map<Long, String> payloads = new ConcurrentHashMap<>();
        final Map<Long, Long> firstNanos = new ConcurrentHashMap<>();
        final List<Long> order = new CopyOnWriteArrayList<>();
        volatile long highest;

        void add(JsMessage m) {
            long seq = m.metadata().streamSequence();
            highest = Math.max(highest, seq);
            deliveries.computeIfAbsent(seq, s -> new CopyOnWriteArrayList<>()).add(m.metadata().consumerSequence());
            payloads.putIfAbsent(seq, m.dataAsString());
            long now = System.nanoTime();
            if (firstNanos.putIfAbsent(seq, now) == null) {
                arrivalNanos.add(now);
            }
            order.add(seq);
        }

        /** The longest wait for a new message between the two instants, in milliseconds. */
        long stallMs(long fromNanos, long toNanos) {
            return LeaderLossIT.stallMs(arrivalNanos, fromNanos, toNanos);
        }

        /**
         * Whether a message stored after {@code afterSeq} first came at or after {@code sinceNanos} (one
         * stored just before the kill may reach a consumer before its ack reaches the publisher).
         */
        boolean gotNewSince(long afterSeq, long sinceNanos) {
            return firstNanos.entrySet().stream().anyMatch(e -> e.getKey() > afterSeq && e.getValue() - sinceNanos >= 0);
        }
    }

    private record Round(String killed, long electionMs, long publishStallMs, long pullStallMs, long orderedStallMs,
                         long caughtUpMs) {
    }

    @Test
    void anR3StreamLosesNothingAcknowledgedWhenItsLeaderIsKilledFiveTimes(NatsCluster cluster) throws Exception {
        Options o = Options.builder().servers(cluster.urls().toArray(String[]::new)).connectTimeout(WAIT)
            .reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(20)).maxWait(Duration.ofMillis(200))
                .jitter(Duration.ofMillis(10)))
            .build();
        try (Connection nc = Nats.connect(o)) {
            JetStream js = JetStream.of(nc, JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            await().atMost(RECOVERY).ignoreExceptionsInstanceOf(NatsException.class).until(() -> {
                js.management().addStream(StreamConfig.builder("LL").subjects("LL.>").storage(StorageType.FILE)
                    .replicas(3).build());
                return true;
            });
            await().atMost(RECOVERY).ignoreExceptionsInstanceOf(NatsException.class).until(() -> {
                js.management().addOrUpdateConsumer("LL", ConsumerConfig.builder().durable("worker")
                    .ackWait(Duration.ofSeconds(5)).build());
                return true;
            });

            Map<String, Long> acked = new ConcurrentHashMap<>();
            List<Long> ackArrivals = new CopyOnWriteArrayList<>();
            AtomicLong unacked = new AtomicLong();
            AtomicLong lastAckedSeq = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < MAX_MESSAGES && !stop.get(); i++) {
                    String id = "id-" + i;
                    byte[] data = bytes(Integer.toString(i));
                    PublishAck[] ack = new PublishAck[1];
                    try {
                        await().atMost(RECOVERY).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                            .ignoreExceptionsInstanceOf(NatsException.class)
                            .until(() -> (ack[0] = js.publish("LL.m", data, PublishOptions.messageId(id))).sequence() > 0);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        unacked.incrementAndGet();
                        continue;
                    }
                    acked.put(Integer.toString(i), ack[0].sequence());
                    ackArrivals.add(System.nanoTime());
                    lastAckedSeq.accumulateAndGet(ack[0].sequence(), Math::max);
                }
            }, "leader-loss-publisher");

            Seen pulled = new Seen();
            Seen ordered = new Seen();
            List<NatsException> consumeErrors = new CopyOnWriteArrayList<>();
            AtomicLong orderedResets = new AtomicLong();
            // The reader learns where to stop only once the publisher has ended: the stop flag alone is not
            // enough, since the publish in flight when it is raised can still be acknowledged afterwards, and
            // a reader that compared itself with lastAckedSeq at that moment would quit one message short.
            AtomicLong readUntil = new AtomicLong(Long.MAX_VALUE);
            AtomicBoolean abandon = new AtomicBoolean();
            Thread orderedReader = new Thread(() -> {
                try (OrderedConsumer oc = js.orderedConsumer("LL", ConsumerConfig.builder().build())) {
                    while (!abandon.get() && ordered.highest < readUntil.get()) {
                        try {
                            ordered.add(oc.next(Duration.ofSeconds(1)));
                        } catch (NatsTimeoutException e) {
                            // nothing new within a second: look at where to stop again
                        }
                        orderedResets.set(oc.resets());
                    }
                }
            }, "leader-loss-ordered");

            List<Round> rounds = new ArrayList<>();
            try (PullConsumer worker = js.pullConsumer("LL", "worker");
                 ConsumeContext ctx = worker.consume(m -> {
                     pulled.add(m);
                     m.ack();
                 }, ConsumeOptions.DEFAULTS.withBatch(100).withExpires(Duration.ofSeconds(5), Duration.ofSeconds(1))
                     .withErrorHandler(consumeErrors::add))) {
                publisher.start();
                orderedReader.start();
                for (int round = 0; round < ROUNDS; round++) {
                    long target = lastAckedSeq.get() + PER_ROUND;
                    await().atMost(RECOVERY).until(() -> lastAckedSeq.get() >= target
                        && pulled.firstNanos.containsKey(target) && ordered.firstNanos.containsKey(target));
                    String leader = streamLeader(js);
                    int victim = indexOf(cluster, leader);
                    long seqAtKill = lastAckedSeq.get();
                    long killNanos = System.nanoTime();
                    cluster.node(victim).kill();

                    await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(NatsException.class)
                        .until(() -> {
                            String now = streamLeader(js);
                            return !now.isEmpty() && !now.equals(leader);
                        });
                    long electionMs = (System.nanoTime() - killNanos) / 1_000_000;
                    java.util.function.Supplier<String> state = () -> "acked up to " + lastAckedSeq.get() + " (at kill "
                        + seqAtKill + "), pull up to " + pulled.order.stream().mapToLong(Long::longValue).max().orElse(0)
                        + ", ordered up to " + ordered.highest
                        + ", consume errors " + consumeErrors;
                    await().alias("publisher acked after the kill: " + state.get()).atMost(RECOVERY)
                        .until(() -> lastAckedSeq.get() > seqAtKill);
                    await().alias("pull consume went on: " + state.get()).atMost(RECOVERY)
                        .until(() -> pulled.gotNewSince(seqAtKill, killNanos));
                    await().alias("ordered consumer went on: " + state.get()).atMost(RECOVERY)
                        .until(() -> ordered.gotNewSince(seqAtKill, killNanos));

                    cluster.node(victim).restart();
                    cluster.awaitFormed(RECOVERY);
                    await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(NatsException.class)
                        .until(() -> allReplicasCurrent(js));
                    long caughtUpNanos = System.nanoTime();
                    rounds.add(new Round(leader, electionMs, stallMs(ackArrivals, killNanos, caughtUpNanos),
                        pulled.stallMs(killNanos, caughtUpNanos), ordered.stallMs(killNanos, caughtUpNanos),
                        (caughtUpNanos - killNanos) / 1_000_000));
                }
                stop.set(true);
                publisher.join(RECOVERY.toMillis());
                assertThat(publisher.isAlive()).as("the publisher ended").isFalse();
                long last = lastAckedSeq.get();
                readUntil.set(last);
                java.util.function.Supplier<String> stuck = () -> "last acked " + last
                    + "; ordered: " + ordered.order.size() + " seen, up to " + ordered.highest + ", re-creations "
                    + orderedResets.get() + ", reader " + orderedReader.getState()
                    + "; pull: " + pulled.deliveries.size() + " distinct seen, up to " + pulled.highest
                    + ", first missing " + firstMissing(pulled, last) + ", consume active " + ctx.isActive()
                    + ", errors " + consumeErrors + "; server: " + consumersOnServer(js);
                awaitCaughtUp("the ordered consumer", () -> ordered.order.size() >= last, stuck);
                awaitCaughtUp("the pull consume", () -> pulled.deliveries.keySet().containsAll(range(last)), stuck);
                assertThat(ctx.isActive()).as("the pull consume is still running").isTrue();
            } finally {
                stop.set(true);
                abandon.set(true);
                publisher.join(RECOVERY.toMillis());
                orderedReader.join(RECOVERY.toMillis());
            }

            long storedMessages = js.management().streamInfo("LL").state().messages();
            Map<String, Set<Long>> seqsByPayload = new HashMap<>();
            for (Seen s : List.of(ordered, pulled)) {
                s.payloads.forEach((seq, p) -> seqsByPayload.computeIfAbsent(p, k -> new HashSet<>()).add(seq));
            }
            long lost = acked.keySet().stream().filter(id -> !seqsByPayload.containsKey(id)).count();
            long storedTwice = seqsByPayload.values().stream().filter(s -> s.size() > 1).count();
            long orderedGaps = 0;
            long orderedDuplicates = 0;
            long prev = 0;
            for (long seq : ordered.order) {
                if (seq <= prev) {
                    orderedDuplicates++;
                } else {
                    orderedGaps += seq > prev + 1 ? 1 : 0;
                    prev = seq;
                }
            }
            long pullMissing = range(storedMessages).stream().filter(s -> !pulled.deliveries.containsKey(s)).count();
            long pullRedeliveries = pulled.deliveries.values().stream().mapToLong(ds -> new HashSet<>(ds).size() - 1).sum();
            long pullTrueDuplicates = pulled.deliveries.values().stream()
                .mapToLong(ds -> ds.size() - new HashSet<>(ds).size()).sum();

            writeReport(nc.serverInfo().version(), rounds, acked.size(), unacked.get(), storedMessages, lost,
                storedTwice, orderedGaps, orderedDuplicates, orderedResets.get(), pullMissing, pullRedeliveries, pullTrueDuplicates,
                consumeErrors.size());

            assertThat(rounds).hasSize(ROUNDS);
            assertThat(lost).as("acknowledged to the publisher but not in the stream").isZero();
            assertThat(storedTwice).as("messages stored twice despite their message id").isZero();
            assertThat(orderedGaps).as("gaps seen by the ordered consumer").isZero();
            assertThat(orderedDuplicates).as("repeats seen by the ordered consumer").isZero();
            assertThat(pullMissing).as("stored messages the pull consume never got").isZero();
            assertThat(pullTrueDuplicates).as("the same delivery of a message handed over twice").isZero();
        }
    }

    /** Waits up to a minute for a consumer to have everything acknowledged; a failure says what is stuck. */
    private static void awaitCaughtUp(String who, java.util.concurrent.Callable<Boolean> caughtUp,
                                      java.util.function.Supplier<String> state) {
        try {
            await().atMost(Duration.ofMinutes(1)).until(caughtUp);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(who + " stayed behind for a minute after the last round: " + state.get(), e);
        }
    }

    private static long firstMissing(Seen s, long last) {
        for (long seq = 1; seq <= last; seq++) {
            if (!s.deliveries.containsKey(seq)) {
                return seq;
            }
        }
        return 0;
    }

    /** What the server says of every consumer on the stream, for a failure message. */
    private static String consumersOnServer(JetStream js) {
        try {
            StringBuilder b = new StringBuilder("stream last seq ")
                .append(js.management().streamInfo("LL").state().lastSequence());
            for (ConsumerInfo c : js.management().consumers("LL")) {
                b.append("; ").append(c.name()).append(": delivered ").append(c.delivered().streamSequence())
                    .append(" (consumer seq ").append(c.delivered().consumerSequence()).append("), ack floor ")
                    .append(c.ackFloor().streamSequence()).append(", num_pending ").append(c.pending())
                    .append(", num_waiting ").append(c.waiting()).append(", num_ack_pending ").append(c.ackPending())
                    .append(", leader ").append(c.cluster().map(ClusterInfo::leader).orElse("?"));
            }
            return b.toString();
        } catch (NatsException e) {
            return "consumer info failed: " + e;
        }
    }

    /** The longest time without an event from {@code fromNanos} (the kill) to {@code toNanos}, in ms. */
    static long stallMs(List<Long> eventNanos, long fromNanos, long toNanos) {
        long prev = fromNanos;
        long longest = 0;
        for (long t : eventNanos) {
            if (t < fromNanos) {
                continue;
            }
            if (t > toNanos) {
                break;
            }
            longest = Math.max(longest, t - prev);
            prev = t;
        }
        return Math.max(longest, toNanos - prev) / 1_000_000;
    }

    private static String streamLeader(JetStream js) {
        return js.management().streamInfo("LL").cluster().map(ClusterInfo::leader).orElse("");
    }

    private static boolean allReplicasCurrent(JetStream js) {
        ClusterInfo c = js.management().streamInfo("LL").cluster().orElseThrow();
        return !c.leader().isEmpty() && c.replicas().size() == 2
            && c.replicas().stream().allMatch(r -> r.current() && !r.offline());
    }

    private static int indexOf(NatsCluster cluster, String name) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.nodeName(i).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no node named " + name);
    }

    private static Set<Long> range(long last) {
        Set<Long> all = new HashSet<>();
        for (long s = 1; s <= last; s++) {
            all.add(s);
        }
        return all;
    }

    private static void writeReport(String serverVersion, List<Round> rounds, long acked, long unacked, long stored,
                                    long lost, long storedTwice, long orderedGaps, long orderedDuplicates,
                                    long orderedResets, long pullMissing,
                                    long pullRedeliveries, long pullTrueDuplicates, long consumeErrors) throws IOException {
        StringBuilder b = new StringBuilder("# JetStream leader loss (3 nodes, R3 file stream, nats-server ")
            .append(serverVersion).append(")\n\n");
        b.append("| round | killed leader | new leader elected | longest wait for a publish ack | longest wait, pull consume "
            + "| longest wait, ordered consumer | killed node restarted and caught up |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            b.append("| ").append(i + 1).append(" | ").append(r.killed()).append(" | ").append(r.electionMs())
                .append(" ms | ").append(r.publishStallMs()).append(" ms | ").append(r.pullStallMs()).append(" ms | ")
                .append(r.orderedStallMs()).append(" ms | ").append(r.caughtUpMs()).append(" ms |\n");
        }
        b.append("\nTimes are from the kill (SIGKILL); a longest wait is the longest time without a new ack or message "
            + "between the kill and the restarted node catching up. Publish acks: ").append(acked)
            .append(", given up after retrying 30 s: ").append(unacked).append(", stored: ").append(stored).append('\n')
            .append("- acknowledged but lost: ").append(lost).append('\n')
            .append("- stored twice: ").append(storedTwice).append('\n')
            .append("- ordered consumer: gaps ").append(orderedGaps).append(", repeats ").append(orderedDuplicates)
            .append(", consumer re-creations ").append(orderedResets).append('\n')
            .append("- pull consume: missing ").append(pullMissing).append(", redeliveries (same stream sequence, new consumer sequence) ").append(pullRedeliveries)
            .append(", true duplicates (same delivery twice) ").append(pullTrueDuplicates).append(", errors reported ").append(consumeErrors)
            .append('\n');
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, b.toString(), StandardCharsets.UTF_8);
        System.out.println(b);
    }
}
