package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbound buffer's batching, wake-up, back-pressure and close rules, driven without a socket. */
class OutboundBufferTest {

    /** Records wake-ups and batches; the test plays the I/O thread by calling drain() and written(). */
    static final class FakeSink implements OutboundBuffer.Sink {
        int wakes;
        final List<ByteBuffer> batches = new ArrayList<>();
        /** What writeNow took, or null when writing through is not possible. */
        StringBuilder direct;
        int directRoom = Integer.MAX_VALUE;
        final List<Long> backlogs = new ArrayList<>();

        @Override
        public void backlog(long pendingBytes) {
            backlogs.add(pendingBytes);
        }

        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public void write(ByteBuffer batch) {
            batches.add(batch);
        }

        @Override
        public int writeNow(ByteBuffer data) {
            if (direct == null) {
                return -1;
            }
            int n = Math.min(data.remaining(), directRoom);
            byte[] b = new byte[n];
            data.get(b);
            direct.append(new String(b, StandardCharsets.US_ASCII));
            return n;
        }

        String text(int i) {
            ByteBuffer b = batches.get(i).duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return new String(out, StandardCharsets.US_ASCII);
        }
    }

    private final FakeSink sink = new FakeSink();
    private final OutboundBuffer buffer = connected(new OutboundBuffer(256 * 1024, 100_000, sink));

    private static OutboundBuffer connected(OutboundBuffer b) {
        b.resume();
        return b;
    }

    private void put(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = buffer.begin(b.length, TimeUnit.SECONDS.toNanos(5));
        try {
            out.put(b);
        } finally {
            buffer.end(1, b.length);
        }
    }

    private void putThrough(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = buffer.begin(b.length, TimeUnit.SECONDS.toNanos(5));
        try {
            out.put(b);
        } finally {
            buffer.end(1, b.length, true);
        }
    }

    @Test
    void aWriteThroughGoesOutFromTheCallerWithoutWakingTheIoSide() {
        sink.direct = new StringBuilder();
        putThrough("req1");
        putThrough("req2");
        assertThat(sink.direct).hasToString("req1req2");
        assertThat(sink.wakes).isZero();
        assertThat(sink.batches).isEmpty();
        assertThat(buffer.pendingBytes()).isZero();
        assertThat(buffer.counters()).containsExactly(2, 8, 2);
    }

    @Test
    void plainPublishesNeverWriteThrough() {
        sink.direct = new StringBuilder();
        put("a");
        assertThat(sink.direct).isEmpty();
        assertThat(sink.wakes).isEqualTo(1);
    }

    @Test
    void whatTheSocketDoesNotTakeIsLeftForTheIoSideInOrder() {
        sink.direct = new StringBuilder();
        sink.directRoom = 3;
        putThrough("abcdef");
        assertThat(sink.direct).hasToString("abc");
        assertThat(sink.wakes).isEqualTo(1);
        buffer.drain();
        assertThat(sink.text(0)).isEqualTo("def");
    }

    /**
     * A partial write-through leaves the tail of a frame whose head the link already has; kept across a
     * disconnect, it would start the next link with a torn frame. It goes with the link, like a batch in
     * flight, and what was published after it is kept.
     */
    @Test
    void whatAPartialWriteThroughLeftIsForgottenWithTheLinkButLaterPublishesAreKept() {
        sink.direct = new StringBuilder();
        sink.directRoom = 3;
        putThrough("PUB a 1\r\nx\r\n");
        assertThat(sink.direct).hasToString("PUB");
        put("PUB b 1\r\ny\r\n");
        buffer.disconnected(n -> n);
        buffer.resume();
        assertThat(sink.text(0)).isEqualTo("PUB b 1\r\ny\r\n");
    }

    @Test
    void aWriteThroughTheSocketTookNothingOfIsKeptWholeAcrossADisconnect() {
        sink.direct = new StringBuilder();
        sink.directRoom = 0;
        putThrough("PUB a 1\r\nx\r\n");
        buffer.disconnected(n -> n);
        buffer.resume();
        assertThat(sink.text(0)).isEqualTo("PUB a 1\r\nx\r\n");
    }

    /** A link being left finishes its batch in flight; what comes after waits for the next server. */
    @Test
    void holdLetsTheBatchInFlightFinishAndKeepsWhatComesAfterForTheNextServer() {
        put("first");
        buffer.drain();
        buffer.hold();
        put("later");
        buffer.written(sink.batches.get(0));
        buffer.drain();
        assertThat(sink.batches).hasSize(1);
        buffer.disconnected(n -> n);
        buffer.resume();
        assertThat(sink.text(1)).isEqualTo("later");
    }

    @Test
    void theBacklogAlarmGoesOffOncePerEpisode() {
        buffer.backlogAlarm(10);
        put("0123456789ab");
        put("more");
        assertThat(sink.backlogs).containsExactly(12L);
        buffer.drain();
        buffer.written(sink.batches.get(0));
        put("ab");
        buffer.drain();                   // a batch under half the threshold ends the episode
        buffer.written(sink.batches.get(1));
        put("0123456789ab");
        assertThat(sink.backlogs).containsExactly(12L, 12L);
    }

    @Test
    void noWriteThroughBesideABatchInFlightOrWhenTheSinkCannot() {
        sink.direct = new StringBuilder();
        put("first");
        buffer.drain();
        putThrough("second");
        assertThat(sink.direct).as("a batch is with the sink").isEmpty();
        buffer.drain();
        buffer.written(sink.batches.get(0));
        assertThat(sink.text(1)).isEqualTo("second");
        buffer.written(sink.batches.get(1));

        sink.direct = null;
        putThrough("third");
        assertThat(sink.wakes).isEqualTo(3);
        buffer.drain();
        assertThat(sink.text(2)).isEqualTo("third");
    }

    @Test
    void wakesOnlyWhenTheBufferGoesFromEmptyToNonEmpty() {
        put("a");
        put("b");
        put("c");
        assertThat(sink.wakes).isEqualTo(1);
        buffer.drain();
        assertThat(sink.batches).hasSize(1);
        assertThat(sink.text(0)).isEqualTo("abc");
        buffer.written(sink.batches.get(0));
        put("d");
        assertThat(sink.wakes).isEqualTo(2);
    }

    @Test
    void doesNotTakeANewBatchWhileOneIsBeingWritten() {
        put("one");
        buffer.drain();
        put("two");
        buffer.drain();
        put("three");
        assertThat(sink.batches).as("second drain deferred while the first batch is in flight").hasSize(1);
        buffer.written(sink.batches.get(0));
        assertThat(sink.batches).hasSize(2);
        assertThat(sink.text(1)).isEqualTo("twothree");
    }

    @Test
    void recyclesTheWrittenBufferSoSteadyTrafficAllocatesNothing() {
        put("x");
        buffer.drain();
        ByteBuffer first = sink.batches.get(0);
        buffer.written(first);
        put("y");
        buffer.drain();
        buffer.written(sink.batches.get(1));
        put("z");
        buffer.drain();
        assertThat(sink.batches.get(2)).isSameAs(first);
    }

    @Test
    void drainOfAnEmptyBufferWritesNothing() {
        buffer.drain();
        assertThat(sink.batches).isEmpty();
    }

    @Test
    void growsForAMessageLargerThanTheInitialBuffer() {
        String big = "m".repeat(100_000);
        put(big);
        buffer.drain();
        assertThat(sink.text(0)).isEqualTo(big);
    }

    @Test
    void aFullBufferMakesThePublisherWaitForTheSwapNotForever() throws Exception {
        String chunk = "p".repeat(60_000);
        put(chunk);
        put(chunk);
        buffer.drain();
        put(chunk);
        put(chunk);
        // The wake-up for the new batch runs drain on the I/O thread: deferred, a batch is in flight.
        buffer.drain();
        assertThat(sink.batches).hasSize(1);
        // 120 KB in the active buffer (bound 128 KB) and a batch in flight: the next publish must wait.
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> put(chunk));
        assertThat(blocked).isNotDone();
        buffer.written(sink.batches.get(0));
        blocked.get(5, TimeUnit.SECONDS);
        assertThat(buffer.pendingBytes()).isEqualTo(60_000);
    }

    @Test
    void publishersNeverWaitBelowTheBoundEvenWithABatchStuckInFlight() throws Exception {
        FakeSink big = new FakeSink();
        OutboundBuffer b = connected(new OutboundBuffer(64L * 1024 * 1024, 100_000, big));
        int chunk = 1024 * 1024;
        fill(b, chunk, TimeUnit.SECONDS.toNanos(5));
        b.drain();
        // the batch in flight is never written (a stalled link): 20 MiB more still go in without waiting
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                fill(b, chunk, TimeUnit.SECONDS.toNanos(5));
            }
        });
        burst.get(5, TimeUnit.SECONDS);
        assertThat(b.pendingBytes()).isEqualTo(20 * chunk);
    }

    @Test
    void aBigBufferIsRecycledWhileBatchesStayBigAndLetGoOnceTheyShrink() {
        int big = 32 * 1024 * 1024;
        assertThat(OutboundBuffer.keeps(OutboundBuffer.KEEP_AT_MOST, 1)).isTrue();
        assertThat(OutboundBuffer.keeps(big, big / 4)).isTrue();
        assertThat(OutboundBuffer.keeps(big, big)).isTrue();
        assertThat(OutboundBuffer.keeps(big, big / 4 - 1)).isFalse();
        assertThat(OutboundBuffer.keeps(big, 100)).isFalse();
    }

    private static void fill(OutboundBuffer b, int n, long waitNanos) {
        ByteBuffer out = b.begin(n, waitNanos);
        try {
            out.position(out.position() + n);
        } finally {
            b.end(1, n);
        }
    }

    @Test
    void waitingForRoomTimesOutWithAClearError() {
        String chunk = "q".repeat(60_000);
        put(chunk);
        put(chunk);
        buffer.drain();
        put(chunk);
        put(chunk);
        assertThatThrownBy(() -> buffer.begin(60_000, TimeUnit.MILLISECONDS.toNanos(50)))
            .isInstanceOf(NatsTimeoutException.class)
            .hasMessageContaining("outbound buffer full");
        put("after");
    }

    @Test
    void ioThreadControlFramesNeverWait() {
        String chunk = "r".repeat(60_000);
        put(chunk);
        put(chunk);
        buffer.drain();
        put(chunk);
        put(chunk);
        ByteBuffer out = buffer.begin(6, -1);
        try {
            out.put("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
        } finally {
            buffer.end(0, 0);
        }
        assertThat(buffer.pendingBytes()).isEqualTo(120_006);
    }

    @Test
    void closeRefusesNewWritesAndWakesWaiters() throws Exception {
        String chunk = "s".repeat(60_000);
        put(chunk);
        put(chunk);
        buffer.drain();
        put(chunk);
        put(chunk);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> put(chunk));
        buffer.close("connection closed");
        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> put("late")).isInstanceOf(ConnectionClosedException.class)
            .hasMessage("connection closed");
    }

    @Test
    void whileDisconnectedItKeepsWhatFitsAndRefusesTheRestAtOnce() {
        put("before");
        buffer.drain();
        put("kept-1");
        buffer.disconnected(n -> n);
        put("kept-2");
        assertThatThrownBy(() -> put("x".repeat(100_000)))
            .isInstanceOf(dev.relay.nats.ReconnectBufferOverflowException.class)
            .hasMessageContaining("reconnect buffer is full");
        put("kept-3");
        buffer.drain();
        assertThat(sink.batches).as("nothing is written while disconnected").hasSize(1);
        buffer.resume();
        assertThat(sink.batches).hasSize(2);
        assertThat(sink.text(1)).isEqualTo("kept-1kept-2kept-3");
    }

    @Test
    void aDisabledReconnectBufferRefusesPublishesButNotControlFrames() {
        OutboundBuffer b = connected(new OutboundBuffer(256 * 1024, 0, sink));
        b.disconnected(n -> n);
        assertThatThrownBy(() -> b.begin(10, 0)).isInstanceOf(dev.relay.nats.ReconnectBufferOverflowException.class)
            .hasMessageContaining("disabled");
        ByteBuffer out = b.begin(6, -1);
        try {
            out.put("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            b.notePing();
        } finally {
            b.end(0, 0);
        }
        assertThat(b.pendingBytes()).isEqualTo(6);
    }

    @Test
    void countsPingsStillToBeWrittenAcrossADisconnect() {
        ByteBuffer out = buffer.begin(6, -1);
        try {
            out.put("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            buffer.notePing();
        } finally {
            buffer.end(0, 0);
        }
        buffer.drain();
        out = buffer.begin(6, -1);
        try {
            out.put("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            buffer.notePing();
        } finally {
            buffer.end(0, 0);
        }
        assertThat(buffer.disconnected(n -> n).intValue()).as("the first PING was written, the second is kept").isEqualTo(1);
    }

    @Test
    void countsMessagesBytesAndBatches() {
        put("ab");
        put("cde");
        buffer.drain();
        assertThat(buffer.counters()).containsExactly(2, 5, 1);
    }
}
