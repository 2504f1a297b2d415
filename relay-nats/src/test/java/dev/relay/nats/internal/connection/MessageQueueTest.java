package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The intrusive message queue: FIFO order, emptiness, and a producer and consumer on two threads. */
class MessageQueueTest {

    private static RealMessage msg(int i) {
        return new RealMessage("s", null, null, new byte[] {(byte) i}, null);
    }

    @Test
    void keepsFifoOrder() {
        MessageQueue q = new MessageQueue();
        assertThat(q.poll()).isNull();
        assertThat(q.hasNext()).isFalse();
        for (int i = 0; i < 5; i++) {
            q.push(msg(i));
        }
        assertThat(q.hasNext()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(q.poll().data()[0]).isEqualTo((byte) i);
        }
        assertThat(q.poll()).isNull();
    }

    @Test
    void chainsPushedWholeInterleaveInOrderWithSingleMessagesAcrossThreads() throws Exception {
        MessageQueue q = new MessageQueue();
        int n = 200_000;
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (i < n) {
                // chains of 1..7 messages linked by the producer, as a read batch is
                int len = Math.min(1 + i % 7, n - i);
                RealMessage first = new RealMessage("s", null, null, new byte[] {(byte) i}, null);
                RealMessage last = first;
                for (int k = 1; k < len; k++) {
                    RealMessage m = new RealMessage("s", null, null, new byte[] {(byte) (i + k)}, null);
                    last.next = m;
                    last = m;
                }
                if (len == 1 && i % 2 == 0) {
                    q.push(first);
                } else {
                    q.pushAll(first, last);
                }
                i += len;
            }
        });
        assertThat(consumeInOrder(q, n)).isEqualTo(n);
        producer.get(5, TimeUnit.SECONDS);
        assertThat(q.poll()).isNull();
    }

    @Test
    void deliversEverythingInOrderAcrossThreads() throws Exception {
        MessageQueue q = new MessageQueue();
        int n = 200_000;
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                q.push(new RealMessage("s", null, null, new byte[] {(byte) i}, null));
            }
        });
        assertThat(consumeInOrder(q, n)).isEqualTo(n);
        producer.get(5, TimeUnit.SECONDS);
    }

    /** Polls until n messages came, each carrying its index as its one byte, or 30 s passed; returns the count. */
    private static int consumeInOrder(MessageQueue q, int n) {
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen < n && System.nanoTime() < deadline) {
            RealMessage m = q.poll();
            if (m != null) {
                assertThat(m.data()[0]).isEqualTo((byte) seen);
                seen++;
            } else {
                Thread.onSpinWait();
            }
        }
        return seen;
    }
}
