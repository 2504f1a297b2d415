package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Payloads through a real server with {@code max_payload: 1024}: empty, binary, ByteBuffer, the limit and one past it. */
@NatsTest
@NatsServerOptions(jetStream = false, extraConfig = "max_payload: 1024")
class PayloadIT {
    private static final int MAX = 1024;

    @Test
    void theClientLearnsMaxPayloadFromTheServer(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            assertThat(nc.maxPayload()).isEqualTo(MAX);
        }
    }

    @Test
    void emptyAndBinaryPayloadsArriveByteForByte(NatsServer server) {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i; // includes \r, \n, 0 and 0xFF
        }
        try (Connection sub = Clients.connect(server); Connection pub = Clients.connect(server)) {
            Subscription s = sub.subscribe("pl.bytes");
            sub.flush(WAIT);

            pub.publish("pl.bytes", new byte[0]);
            pub.publish("pl.bytes", binary);
            pub.publish("pl.bytes", "\r\nMSG fake 1 2\r\n");

            assertThat(s.nextMessage(WAIT).data()).isEmpty();
            assertThat(s.nextMessage(WAIT).data()).isEqualTo(binary);
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("\r\nMSG fake 1 2\r\n");
        }
    }

    @Test
    void aByteBufferIsPublishedFromPositionToLimitAndItsPositionIsKept(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("pl.buffer");
            ByteBuffer heap = ByteBuffer.wrap("xxhello-heapyy".getBytes());
            heap.position(2).limit(12);
            ByteBuffer direct = ByteBuffer.allocateDirect(32);
            direct.put("..direct..".getBytes()).flip();
            direct.position(2).limit(8);

            nc.publish("pl.buffer", heap);
            nc.publish("pl.buffer", direct);

            assertThat(heap.position()).isEqualTo(2);
            assertThat(heap.limit()).isEqualTo(12);
            assertThat(direct.position()).isEqualTo(2);
            assertThat(direct.limit()).isEqualTo(8);
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("hello-heap");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("direct");
        }
    }

    @Test
    void aPayloadOfExactlyMaxPayloadIsAccepted(NatsServer server) {
        byte[] max = new byte[MAX];
        Arrays.fill(max, (byte) 'm');
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("pl.max");
            nc.publish("pl.max", max);
            nc.publish("pl.max", ByteBuffer.wrap(max));
            assertThat(s.nextMessage(WAIT).data()).isEqualTo(max);
            assertThat(s.nextMessage(WAIT).data()).isEqualTo(max);
        }
    }

    @Test
    void oneByteOverMaxPayloadFailsBeforeAnythingIsWritten(NatsServer server) {
        byte[] over = new byte[MAX + 1];
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.publish("pl.over", over))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("1025")
                .hasMessageContaining("1024");
            assertThatThrownBy(() -> nc.publish("pl.over", ByteBuffer.wrap(over)))
                .isInstanceOf(PayloadTooLargeException.class);
            assertThatThrownBy(() -> nc.publish("pl.over", "pl.reply", over))
                .isInstanceOf(PayloadTooLargeException.class);

            probe.assertNothingReachedTheServerFrom(nc);
            assertThat(nc.statistics().outMessages()).as("only the probe's marker was sent").isEqualTo(1);
        }
    }

    @Test
    void headersCountTowardsMaxPayload(NatsServer server) {
        Headers headers = Headers.of("Key", "value");
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.publish("pl.hdr", headers, new byte[MAX - 5]))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("headers included");
            probe.assertNothingReachedTheServerFrom(nc);
        }
    }

    @Test
    void aRequestOverMaxPayloadFailsAndTheConnectionStaysUsable(NatsServer server) {
        try (WireProbe probe = WireProbe.watch(server); Connection nc = Clients.connect(server)) {
            assertThatThrownBy(() -> nc.request("pl.svc", new byte[MAX + 1], WAIT))
                .isInstanceOf(PayloadTooLargeException.class);
            assertThatThrownBy(() -> nc.requestAsync("pl.svc", new byte[MAX + 1]))
                .isInstanceOf(PayloadTooLargeException.class);
            probe.assertNothingReachedTheServerFrom(nc);
            assertThat(nc.statistics().requests()).isZero();
        }
    }
}
