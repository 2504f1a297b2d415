package dev.relay.bench.jmh;

import dev.relay.nats.internal.protocol.ProtocolEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ProtocolEncoder#publish} of {@code PUB bench.subject 16} with a 16-byte payload into a direct
 * buffer (the outbound buffer is direct), restarting at the front when it is nearly full; the score is
 * frames encoded per second. JMH state: one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncoderBenchmark {
    private static final String SUBJECT = "bench.subject";

    private final byte[] payload = new byte[16];
    private ByteBuffer out;

    /** Allocates the output buffer. */
    @Setup
    public void setup() {
        out = ByteBuffer.allocateDirect(64 * 1024);
    }

    /**
     * Encodes one PUB.
     *
     * @return the buffer (so the write is not dead code)
     */
    @Benchmark
    public ByteBuffer pub16() {
        if (out.remaining() < 64) {
            out.clear();
        }
        ProtocolEncoder.publish(out, SUBJECT, null, null, payload, 0, payload.length);
        return out;
    }
}
