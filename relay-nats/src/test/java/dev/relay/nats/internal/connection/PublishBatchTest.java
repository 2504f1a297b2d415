package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.ReconnectBufferOverflowException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A batch's hand-over to the outbound buffer: nothing whose publish returned is lost when there is no room. */
class PublishBatchTest {
    private final OutboundBufferTest.FakeSink sink = new OutboundBufferTest.FakeSink();

    @Test
    void aHandOverWithoutRoomKeepsTheBatchForTheNextTry() {
        OutboundBuffer out = new OutboundBuffer(256 * 1024, 100, sink);   // disconnected, 100 bytes kept at most
        PublishBatch batch = new PublishBatch();
        for (int i = 0; i < 10; i++) {
            batch.add(null, "s", null, null, new byte[10]);
        }

        assertThatThrownBy(() -> batch.handOver(out, TimeUnit.SECONDS.toNanos(1)))
            .isInstanceOf(ReconnectBufferOverflowException.class);
        assertThat(batch.messages()).as("kept, not cleared").isEqualTo(10);

        out.resume();
        batch.handOver(out, TimeUnit.SECONDS.toNanos(1));
        assertThat(batch.messages()).isZero();
        out.drain();
        assertThat(sink.text(0)).startsWith("PUB s 10\r\n").hasSize(10 * "PUB s 10\r\n0123456789\r\n".length());
        assertThat(out.counters()[0]).isEqualTo(10);
    }
}
