package dev.relay.cli.bench;

import dev.relay.nats.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The Relay side of the scale case, shared with the side-by-side runner (mirrored for jnats by
 * {@code JnatsScale}): many connections from one JVM, each with one asynchronous subscription on its
 * default dispatcher, all receiving the same messages; reports threads and heap with all of them open.
 * Blocks until done and closes every connection; safe to call from any thread.
 */
public final class RelayScale {

    private RelayScale() {
    }

    /**
     * Opens {@code connections} connections, each subscribing to {@link RelayWorkloads#SCALE_SUBJECT};
     * the first of them publishes {@code messages} 16-byte messages and every connection must receive
     * each. Timed: connecting (until every SUB is confirmed by a flush) and delivering.
     *
     * @param connector opens connections
     * @param connections how many
     * @param messages messages each connection receives
     * @return threads, heap and times
     */
    public static ScaleResult scale(Connector connector, int connections, int messages) {
        JvmCensus before = JvmCensus.take(true);
        List<Connection> open = new ArrayList<>();
        try {
            CountDownLatch received = new CountDownLatch(connections * messages);
            Timing.Running connecting = Timing.start();
            for (int i = 0; i < connections; i++) {
                RelayWorkloads.connect(connector, open)
                    .subscribe(RelayWorkloads.SCALE_SUBJECT, m -> received.countDown());
            }
            for (Connection c : open) {
                c.flush(RelayWorkloads.TIMEOUT);
            }
            Timing connectTime = connecting.stop();
            Timing.Running delivering = Timing.start();
            Connection pub = open.get(0);
            byte[] payload = new byte[16];
            for (int i = 0; i < messages; i++) {
                pub.publish(RelayWorkloads.SCALE_SUBJECT, payload);
            }
            pub.flush(RelayWorkloads.TIMEOUT);
            Waits.await(received, "scale subscribers");
            Timing deliverTime = delivering.stop();
            return new ScaleResult(connections, messages, connectTime, deliverTime, before, JvmCensus.take(true));
        } finally {
            RelayWorkloads.closeAll(open);
        }
    }
}
