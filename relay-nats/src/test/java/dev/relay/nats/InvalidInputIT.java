package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input against a real server: each call fails with its specific exception naming the argument,
 * nothing reaches the server (a {@code >} probe and the server's /connz agree), and the connection
 * stays usable.
 */
class InvalidInputIT {
    private static final int MONITOR_PORT = FreePorts.loopback();
    private static final Monitoring MONITOR = new Monitoring(MONITOR_PORT);

    /** Registered by hand, not with {@code @NatsTest}: the monitoring port must be in the server's config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
        .jetStream(false)
        .extraConfig("http: 127.0.0.1:" + MONITOR_PORT)
        .build());

    static Stream<String> badPublishSubjects() {
        return Stream.of("", " ", "a b", "a\tb", "a\r\nb", "a..b", "a.", ".a", "a.*", "a.>", "*", ">");
    }

    @ParameterizedTest(name = "publish to \"{0}\"")
    @MethodSource("badPublishSubjects")
    void publishToAnInvalidSubjectFailsAndWritesNothing(String subject, NatsServer server) {
        Recorder recorder = new Recorder();
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server, recorder)) {
            assertThatThrownBy(() -> nc.publish(subject, "x"))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.publish(subject, ByteBuffer.wrap(new byte[1])))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.publish("ok", subject, new byte[1]))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("replyTo:");
            assertThatThrownBy(() -> nc.request(subject, "x", WAIT))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.requestAsync(subject, "x"))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");

            probe.assertNothingReachedTheServerFrom(nc);
            assertThat(nc.statistics().requests()).isZero();
            assertThat(recorder.heardNoErrors()).isTrue();
        }
    }

    @Test
    void aNullSubjectIsAnInvalidSubject(NatsServer server) {
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.publish(null, "x"))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.subscribe((String) null))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            probe.assertNothingReachedTheServerFrom(nc);
        }
    }

    static Stream<String> badSubscribeSubjects() {
        return Stream.of("", " ", "a b", "a\tb", "a..b", "a.", ".a", "a.>.b", ">.a", "a.>.>");
    }

    @ParameterizedTest(name = "subscribe to \"{0}\"")
    @MethodSource("badSubscribeSubjects")
    void subscribeToAnInvalidSubjectFailsAndSendsNoSub(String subject, NatsServer server) {
        Recorder recorder = new Recorder();
        String name = "bad-sub-" + Nats.newInbox();
        try (Connection nc = Nats.connect(Clients.options(server).name(name).errorListener(recorder).build())) {
            Dispatcher d = nc.createDispatcher();
            assertThatThrownBy(() -> nc.subscribe(subject))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.subscribe(subject, "q"))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> nc.subscribe(subject, m -> { }))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            assertThatThrownBy(() -> d.subscribe(subject, "q", m -> { }))
                .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("subject:");
            nc.flush(WAIT);

            assertThat(MONITOR.subscriptionsOf(name)).isEmpty();
            assertStillUsable(nc);
            assertThat(recorder.heardNoErrors()).isTrue();
        }
    }

    @ParameterizedTest(name = "queue \"{0}\"")
    @ValueSource(strings = {"", " ", "q 1", "q\t1", "q\r\n"})
    void anInvalidQueueNameFailsAndSendsNoSub(String queue, NatsServer server) {
        String name = "bad-queue-" + Nats.newInbox();
        try (Connection nc = Nats.connect(Clients.options(server).name(name).build())) {
            Dispatcher d = nc.createDispatcher();
            List<Consumer<String>> calls = List.of(
                q -> nc.subscribe("ok", q),
                q -> nc.subscribe("ok", q, m -> { }),
                q -> d.subscribe("ok", q, m -> { }));
            for (Consumer<String> call : calls) {
                assertThatThrownBy(() -> call.accept(queue))
                    .isInstanceOf(InvalidSubjectException.class).hasMessageStartingWith("queue:");
            }
            assertThatThrownBy(() -> nc.subscribe("ok", (String) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("queue:");
            nc.flush(WAIT);

            assertThat(MONITOR.subscriptionsOf(name)).isEmpty();
            assertStillUsable(nc);
        }
    }

    @Test
    void nullDataFailsAndWritesNothing(NatsServer server) {
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.publish("ok", (byte[]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data:");
            assertThatThrownBy(() -> nc.publish("ok", (ByteBuffer) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data:");
            assertThatThrownBy(() -> nc.publish("ok", "reply", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data:");
            assertThatThrownBy(() -> nc.request("ok", (byte[]) null, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data:");
            assertThatThrownBy(() -> nc.requestAsync("ok", (byte[]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data:");

            probe.assertNothingReachedTheServerFrom(nc);
            assertThat(nc.statistics().requests()).isZero();
        }
    }

    static Stream<Arguments> badTimeouts() {
        return Stream.of(Arguments.of(Duration.ZERO), Arguments.of(Duration.ofMillis(-1)), Arguments.of((Duration) null));
    }

    @ParameterizedTest(name = "timeout {0}")
    @MethodSource("badTimeouts")
    void aTimeoutThatIsNotPositiveFailsAndChangesNothing(Duration timeout, NatsServer server) {
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            Subscription sync = nc.subscribe("timeouts.sync");
            Subscription async = nc.subscribe("timeouts.async", m -> { });
            Dispatcher d = nc.createDispatcher();
            d.subscribe("timeouts.dispatched", m -> { });
            nc.flush(WAIT);

            assertTimeoutRejected(() -> nc.request("timeouts.svc", "x", timeout));
            assertTimeoutRejected(() -> nc.requestAsync("timeouts.svc", null, new byte[0], timeout));
            assertTimeoutRejected(() -> nc.flush(timeout));
            assertTimeoutRejected(() -> sync.nextMessage(timeout));
            assertTimeoutRejected(() -> sync.drain(timeout));
            assertTimeoutRejected(() -> async.drain(timeout));
            assertTimeoutRejected(() -> d.drain(timeout));
            assertTimeoutRejected(() -> nc.drain(timeout));

            assertThat(nc.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(sync.isActive()).isTrue();
            assertThat(async.isActive()).isTrue();
            assertThat(d.isActive()).isTrue();
            assertThat(nc.statistics().requests()).isZero();
            probe.assertNothingReachedTheServerFrom(nc);
            nc.publish("timeouts.sync", "still subscribed");
            assertThat(sync.nextMessage(WAIT).dataAsString()).isEqualTo("still subscribed");
        }
    }

    @Test
    void otherBadArgumentsNameTheArgument(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("args");
            assertThatThrownBy(() -> s.unsubscribe(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxMessages:");
            assertThatThrownBy(() -> s.pendingLimits(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pendingLimits:");
            assertThatThrownBy(() -> nc.subscribe("args", (MessageHandler) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("handler:");
            assertThatThrownBy(() -> s.nextMessage(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.isActive()).isTrue();
            nc.publish("args", "ok");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("ok");
        }
    }

    private static void assertTimeoutRejected(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout:");
    }

    /** Subscribe, publish and receive still work on the connection. */
    private static void assertStillUsable(Connection nc) {
        Subscription s = nc.subscribe("still.usable");
        nc.publish("still.usable", "yes");
        assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("yes");
        s.unsubscribe();
    }
}
