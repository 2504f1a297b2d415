package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One connection through many consecutive server restarts, alternately crashes (SIGKILL) and clean
 * stops (SIGTERM): after each it is back, its responder restored, and a request/reply round trip
 * works; over the whole run no threads pile up.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class SoakRestartIT {
    /** About 30 ms each on a 2-core machine (measured; nats-server 2.9.10 starts fast): a few seconds in all. */
    private static final int RESTARTS = 100;
    /**
     * Threads that may come and go on their own meanwhile: JDK process reapers, the pooled dispatch
     * threads, the events thread (it ends when idle). A leak per restart would show as ~100.
     */
    private static final int THREAD_SLACK = 5;

    @Test
    void survivesConsecutiveRestartsWithoutGrowingThreads(NatsServer server) {
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url())
                .connectionListener(recorder).errorListener(recorder).build())) {
            nc.subscribe("soak.echo", m -> m.respond(m.data()));
            nc.flush(WAIT);
            // a first restart lets every thread that a restart needs exist before counting
            restart(server, 1, nc, recorder, "soak.echo");
            int threadsBefore = Thread.getAllStackTraces().size();
            long relayThreadsBefore = relayThreads();
            long heapBefore = usedHeap();
            long started = System.nanoTime();

            for (int i = 2; i <= RESTARTS; i++) {
                restart(server, i, nc, recorder, "soak.echo");
            }

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int threadsAfter = Thread.getAllStackTraces().size();
            long relayThreadsAfter = relayThreads();
            long heapAfter = usedHeap();
            System.out.printf("soak: %d restarts survived in %d ms (%d ms each); threads %d -> %d (relay %d -> %d);"
                    + " heap used %d KiB -> %d KiB%n", RESTARTS, took.toMillis(), took.toMillis() / (RESTARTS - 1),
                threadsBefore, threadsAfter, relayThreadsBefore, relayThreadsAfter, heapBefore / 1024, heapAfter / 1024);
            assertThat(nc.statistics().reconnects()).isEqualTo(RESTARTS);
            assertThat(relayThreadsAfter).isLessThanOrEqualTo(relayThreadsBefore + 2);
            assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
            assertThat(recorder.exceptions).isEmpty();
        }
    }

    /** A listener that throws on every event (and an error listener that does too) cannot stop a reconnect. */
    @Test
    void listenersThatThrowDoNotBreakReconnecting(NatsServer server) {
        Recorder recorder = new Recorder();
        Options o = Clients.fastReconnect(server.url())
            .connectionListener(e -> {
                recorder.onEvent(e);
                throw new IllegalStateException("listener bug on " + e.type());
            })
            .errorListener(new ErrorListener() {
                @Override
                public void onException(Connection connection, Throwable error) {
                    throw new IllegalStateException("error listener bug");
                }
            })
            .build();
        try (Connection nc = Nats.connect(o)) {
            nc.subscribe("throwing.echo", m -> m.respond(m.data()));
            nc.flush(WAIT);
            for (int i = 1; i <= 2; i++) {
                restart(server, i, nc, recorder, "throwing.echo");
            }
            assertThat(nc.statistics().reconnects()).isEqualTo(2);
        }
    }

    /** Kills or stops the server, starts it again, waits for reconnect {@code n}, then does a round trip. */
    private static void restart(NatsServer server, int n, Connection nc, Recorder recorder, String echo) {
        if (n % 2 == 0) {
            server.kill();
        }
        server.restart();
        recorder.await(ConnectionEvent.Type.RESUBSCRIBED, n, WAIT);
        String body = "round trip " + n;
        // bounded: a publisher or requester stuck after a reconnect fails here within WAIT
        assertThat(nc.request(echo, body, WAIT).dataAsString()).isEqualTo(body);
    }

    /** The library's own threads: I/O, dispatch, events. */
    private static long relayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("relay-nats")).count();
    }

    /**
     * Heap in use after a GC, for the record only. Runtime rather than the management beans: the tests
     * are compiled into the {@code dev.relay.nats} module, which does not read {@code java.management}.
     */
    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
