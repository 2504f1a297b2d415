package dev.relay.bench.e2e;

import dev.relay.cli.bench.JvmCensus;
import dev.relay.cli.bench.RelayScale;
import dev.relay.cli.bench.RelayWorkloads;
import dev.relay.cli.bench.ScaleResult;
import dev.relay.cli.bench.Timing;
import dev.relay.cli.bench.Waits;
import io.nats.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The jnats twin of {@link RelayScale}, line for line: many connections, each with one Dispatcher
 * subscription, all receiving the same messages; threads and heap with all of them open. Blocks until
 * done and closes every connection.
 */
final class JnatsScale {

    private JnatsScale() {
    }

    /** See {@link RelayScale#scale}. */
    static ScaleResult scale(JnatsWorkloads.JnatsConnector connector, int connections, int messages) {
        JvmCensus before = JvmCensus.take(true);
        List<Connection> open = new ArrayList<>();
        try {
            CountDownLatch received = new CountDownLatch(connections * messages);
            Timing.Running connecting = Timing.start();
            for (int i = 0; i < connections; i++) {
                JnatsWorkloads.connect(connector, open)
                    .createDispatcher(m -> received.countDown()).subscribe(RelayWorkloads.SCALE_SUBJECT);
            }
            for (Connection c : open) {
                JnatsWorkloads.flush(c);
            }
            Timing connectTime = connecting.stop();
            Timing.Running delivering = Timing.start();
            Connection pub = open.get(0);
            byte[] payload = new byte[16];
            for (int i = 0; i < messages; i++) {
                pub.publish(RelayWorkloads.SCALE_SUBJECT, payload);
            }
            JnatsWorkloads.flush(pub);
            Waits.await(received, "scale subscribers");
            Timing deliverTime = delivering.stop();
            return new ScaleResult(connections, messages, connectTime, deliverTime, before, JvmCensus.take(true));
        } finally {
            JnatsWorkloads.closeAll(open);
        }
    }
}
