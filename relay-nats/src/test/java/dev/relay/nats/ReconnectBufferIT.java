package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reconnect buffer against a real server that is down: publishes are kept up to its size, the
 * one that does not fit fails at once (retriable, nothing of it kept), and after the restart exactly
 * what was accepted is delivered, in order, before anything published later.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class ReconnectBufferIT {
    private static final long BUFFER_BYTES = 4 * 1024;
    /** Far more than 4 KiB of messages can hold: the loop must end in an overflow long before. */
    private static final int MAX_ATTEMPTS = 10_000;

    @Test
    void publishesPastTheBufferFailAndWhatWasAcceptedIsDeliveredInOrder(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url())
                .reconnect(r -> r.bufferSize(BUFFER_BYTES)).connectionListener(recorder).build())) {
            Subscription s = nc.subscribe("buffer.seq");
            nc.flush(WAIT);
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);

            int accepted = 0;
            ReconnectBufferOverflowException overflow = null;
            while (overflow == null && accepted < MAX_ATTEMPTS) {
                try {
                    nc.publish("buffer.seq", "kept " + accepted);
                    accepted++;
                } catch (ReconnectBufferOverflowException e) {
                    overflow = e;
                }
            }
            assertThat(overflow).as("no overflow after " + accepted + " publishes").isNotNull();
            assertThat(overflow.isRetriable()).isTrue();
            assertThat(overflow.getMessage()).contains("reconnect buffer is full").contains(BUFFER_BYTES + " bytes");
            assertThat(accepted).isPositive();
            // still full: retrying before the reconnect fails the same way, and keeps nothing
            for (int i = 0; i < 3; i++) {
                ReconnectBufferOverflowException again = catchThrowableOfType(ReconnectBufferOverflowException.class,
                    () -> nc.publish("buffer.seq", "refused"));
                assertThat(again).isNotNull();
            }

            server.restart();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            nc.publish("buffer.seq", "after the reconnect");
            for (int i = 0; i < accepted; i++) {
                assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("kept " + i);
            }
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("after the reconnect");
            System.out.printf("reconnect buffer of %d bytes kept %d messages%n", BUFFER_BYTES, accepted);
        }
    }

    @Test
    void aDisabledBufferRefusesEveryPublishWhileDisconnected(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url())
                .reconnect(r -> r.bufferSize(0)).connectionListener(recorder).build())) {
            Subscription s = nc.subscribe("buffer.none");
            nc.flush(WAIT);
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);

            ReconnectBufferOverflowException refused = catchThrowableOfType(ReconnectBufferOverflowException.class,
                () -> nc.publish("buffer.none", "refused"));
            assertThat(refused).isNotNull();
            assertThat(refused.isRetriable()).isTrue();
            assertThat(refused.getMessage()).contains("disabled");
            assertThat(catchThrowableOfType(ReconnectBufferOverflowException.class,
                () -> nc.requestAsync("buffer.none", "refused".getBytes()))).isNotNull();

            server.restart();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            nc.publish("buffer.none", "after the reconnect");
            assertThat(s.nextMessage(WAIT).dataAsString()).isEqualTo("after the reconnect");
            nc.flush(WAIT);
            assertThat(s.receivedMessages()).isEqualTo(1);
        }
    }

    @Test
    void theBufferBoundIsTheWholeMessageNotJustItsPayload(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url())
                .reconnect(r -> r.bufferSize(BUFFER_BYTES)).connectionListener(recorder).build())) {
            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);
            // a payload of exactly the buffer size cannot fit once the PUB line is counted
            assertThat(catchThrowableOfType(ReconnectBufferOverflowException.class,
                () -> nc.publish("buffer.big", new byte[(int) BUFFER_BYTES]))).isNotNull();
            nc.publish("buffer.big", new byte[(int) BUFFER_BYTES / 2]);
            server.restart();
            recorder.await(ConnectionEvent.Type.RECONNECTED);
            nc.flush(Duration.ofSeconds(5));
            assertThat(nc.statistics().outMessages()).isEqualTo(1);
        }
    }
}
