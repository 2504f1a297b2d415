package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.MessageHandler;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Request deadlines and reply matching driven by a manual clock and a fake wire: no server, no sleep. */
class RequestMuxTest {
    private static final long MS = 1_000_000L;

    /** Records what the multiplexer sends; replies are fed back through {@link #reply}. */
    static final class FakeWire implements RequestMux.Wire {
        final ConcurrentLinkedQueue<String> replySubjects = new ConcurrentLinkedQueue<>();
        volatile MessageHandler inbox;
        volatile String inboxSubject;
        volatile RuntimeException failNextPublish;
        int subscribes;

        @Override
        public void subscribeInbox(String subject, MessageHandler handler) {
            subscribes++;
            inboxSubject = subject;
            inbox = handler;
        }

        @Override
        public void publish(String subject, String replyTo, Headers headers, byte[] data, boolean writeThrough) {
            RuntimeException f = failNextPublish;
            if (f != null) {
                failNextPublish = null;
                throw f;
            }
            replySubjects.add(replyTo);
        }

        void reply(String replySubject, byte[] data) {
            inbox.onMessage(new RealMessage(replySubject, null, null, data, null));
        }

        void noResponders(String replySubject) {
            inbox.onMessage(new RealMessage(replySubject, null, new Headers().status(503, ""), new byte[0], null));
        }
    }

    private final ManualClock clock = new ManualClock();
    private final FakeWire wire = new FakeWire();
    private final RequestMux mux = new RequestMux(wire, clock, "_INBOX");

    @Test
    void aReplyCompletesItsRequestAndOnlyThatOne() throws Exception {
        CompletableFuture<Message> a = mux.request("svc", null, new byte[0], 100 * MS, false);
        CompletableFuture<Message> b = mux.request("svc", null, new byte[0], 100 * MS, false);
        List<String> subjects = new ArrayList<>(wire.replySubjects);
        wire.reply(subjects.get(1), "two".getBytes());
        assertThat(b.get().dataAsString()).isEqualTo("two");
        assertThat(a).isNotDone();
        assertThat(wire.subscribes).isEqualTo(1);
    }

    @Test
    void aTimeoutFiresAtItsDeadlineAndNotBefore() {
        CompletableFuture<Message> f = mux.request("svc.slow", null, new byte[0], 100 * MS, false);
        clock.advanceNanos(100 * MS - 1);
        assertThat(f).isNotDone();
        clock.advanceNanos(1);
        assertThatThrownBy(f::get).hasCauseInstanceOf(NatsTimeoutException.class)
            .hasMessageContaining("no reply on 'svc.slow' within 100ms");
        assertThat(mux.pendingCount()).isZero();
    }

    @Test
    void noRespondersFailsAtOnce() {
        CompletableFuture<Message> f = mux.request("nobody", null, new byte[0], 100 * MS, false);
        wire.noResponders(wire.replySubjects.peek());
        assertThatThrownBy(f::get).hasCauseInstanceOf(NoRespondersException.class);
    }

    @Test
    void aLoopOfRequestsWithOneTimeoutArmsTheTimerOncePerTimeoutPeriod() throws Exception {
        for (int i = 0; i < 1000; i++) {
            CompletableFuture<Message> f = mux.request("svc", null, new byte[0], 2000 * MS, false);
            wire.reply(wire.replySubjects.poll(), new byte[0]);
            f.get();
            clock.advanceNanos(MS);
        }
        // one arming for the first deadline, one re-arm when it came and found later ones pending
        assertThat(clock.scheduledCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void anEarlierDeadlineReArmsTheTimer() {
        CompletableFuture<Message> slow = mux.request("svc", null, new byte[0], 5000 * MS, false);
        CompletableFuture<Message> quick = mux.request("svc", null, new byte[0], 50 * MS, false);
        clock.advanceNanos(50 * MS);
        assertThat(quick).isCompletedExceptionally();
        assertThat(slow).isNotDone();
        clock.advanceNanos(4950 * MS);
        assertThat(slow).isCompletedExceptionally();
        assertThat(mux.armedNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPublishThatFailsLeavesNoPendingEntryBehind() {
        wire.failNextPublish = new IllegalStateException("boom");
        assertThatThrownBy(() -> mux.request("svc", null, new byte[0], 100 * MS, false)).hasMessage("boom");
        assertThat(mux.pendingCount()).isZero();
    }

    @Test
    void anAbandonedRequestLeavesNoPendingEntryBehind() {
        CompletableFuture<Message> f = mux.request("svc", null, new byte[0], 100 * MS, false);
        mux.abandon(f);
        assertThat(mux.pendingCount()).isZero();
        clock.advanceNanos(200 * MS);
        assertThat(f).isNotDone();
    }

    @Test
    void theTimerSurvivesAnExceptionInATimedOutRequestsCallback() {
        CompletableFuture<Message> f = mux.request("svc", null, new byte[0], 10 * MS, false);
        f.whenComplete((m, e) -> {
            throw new IllegalStateException("a callback that throws");
        });
        clock.advanceNanos(10 * MS);
        assertThat(f).isCompletedExceptionally();
        CompletableFuture<Message> later = mux.request("svc", null, new byte[0], 10 * MS, false);
        clock.advanceNanos(10 * MS);
        assertThat(later).isCompletedExceptionally();
    }

    @Test
    void theTimerSurvivesAFailedFire() {
        CompletableFuture<Message> f = mux.request("svc", null, new byte[0], 10 * MS, false);
        // a fire that runs while its task is cancelled and re-armed concurrently still leaves one armed
        mux.fire();
        mux.fire();
        clock.advanceNanos(10 * MS);
        assertThat(f).isCompletedExceptionally();
        assertThat(clock.pendingDueTimes()).isEmpty();
    }

    /**
     * Replies racing deadlines from three threads at once, half a million requests: every request ends
     * exactly once (a reply or a timeout), nothing stays pending, and the timer still fires afterwards.
     * The sweep this replaced died for good in this race (check-then-act on the deadline set).
     */
    @Test
    void repliesRacingDeadlinesNeverKillTheTimer() throws Exception {
        int total = 500_000;
        ConcurrentLinkedQueue<CompletableFuture<Message>> futures = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        Thread replier = new Thread(() -> {
            started.countDown();
            while (!done.get() || !wire.replySubjects.isEmpty()) {
                String s = wire.replySubjects.poll();
                if (s != null) {
                    wire.reply(s, new byte[0]);
                }
            }
        }, "replier");
        Thread ticker = new Thread(() -> {
            started.countDown();
            while (!done.get()) {
                clock.advanceNanos(MS);
            }
        }, "ticker");
        replier.start();
        ticker.start();
        started.await();
        for (int i = 0; i < total; i++) {
            futures.add(mux.request("svc", null, new byte[0], (i % 7 + 1) * MS, false));
        }
        done.set(true);
        replier.join(TimeUnit.MINUTES.toMillis(2));
        ticker.join(TimeUnit.MINUTES.toMillis(2));
        clock.advanceNanos(100 * MS);
        long replied = 0;
        long timedOut = 0;
        for (CompletableFuture<Message> f : futures) {
            assertThat(f).isDone();
            try {
                f.get();
                replied++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(NatsTimeoutException.class);
                timedOut++;
            }
        }
        assertThat(replied + timedOut).isEqualTo(total);
        assertThat(mux.pendingCount()).isZero();
        CompletableFuture<Message> after = mux.request("silent", null, new byte[0], 100 * MS, false);
        clock.advance(Duration.ofMillis(100));
        assertThat(after).isCompletedExceptionally();
    }
}
