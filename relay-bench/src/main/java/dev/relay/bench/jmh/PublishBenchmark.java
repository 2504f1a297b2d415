package dev.relay.bench.jmh;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The publish path on a connected connection: {@code publish(subject, 16 bytes)} to a nats-server
 * started for the trial, Relay and jnats. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the
 * bytes allocated per published message in the whole JVM (I/O threads included). The score is bounded
 * by how fast the server drains the socket once the outbound buffer is full. JMH states: one server
 * and connection per trial, shared by the benchmark threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishBenchmark {
    private static final String SUBJECT = "bench.jmh";
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(60);

    /** A server and a Relay connection to it. */
    @State(Scope.Benchmark)
    public static class RelayState {
        final byte[] payload = new byte[16];
        NatsServer server;
        Connection nc;

        /** Starts the server and connects. */
        @Setup(Level.Trial)
        public void setup() {
            server = NatsServer.start(NatsServerConfig.builder().jetStream(false).build());
            nc = Nats.connect(server.url());
        }

        /** Flushes, closes and stops the server. */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                nc.flush(FLUSH_TIMEOUT);
                nc.close();
            } finally {
                server.close();
            }
        }
    }

    /** A server and a jnats connection to it. */
    @State(Scope.Benchmark)
    public static class JnatsState {
        final byte[] payload = new byte[16];
        NatsServer server;
        io.nats.client.Connection nc;

        /**
         * Starts the server and connects.
         *
         * @throws Exception if jnats cannot connect
         */
        @Setup(Level.Trial)
        public void setup() throws Exception {
            server = NatsServer.start(NatsServerConfig.builder().jetStream(false).build());
            nc = io.nats.client.Nats.connect(server.url());
        }

        /**
         * Flushes, closes and stops the server.
         *
         * @throws Exception if the flush or close fails
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                nc.flush(FLUSH_TIMEOUT);
                nc.close();
            } finally {
                server.close();
            }
        }
    }

    /**
     * Relay publishes one 16-byte message.
     *
     * @param s the connection
     */
    @Benchmark
    public void relay(RelayState s) {
        s.nc.publish(SUBJECT, s.payload);
    }

    /**
     * jnats publishes one 16-byte message.
     *
     * @param s the connection
     */
    @Benchmark
    public void jnats(JnatsState s) {
        s.nc.publish(SUBJECT, s.payload);
    }
}
