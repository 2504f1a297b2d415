package dev.relay.bench.jmh;

import dev.relay.nats.Headers;
import dev.relay.nats.internal.protocol.HeadersCodec;
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
 * {@link HeadersCodec} on a typical three-key header block: encode from {@link Headers}, and decode
 * from a direct buffer as the parser hands it over. Scores are blocks per second. JMH state: one
 * instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeadersBenchmark {
    private Headers headers;
    private ByteBuffer block;
    private int blockLength;

    /** Builds the headers and their encoded block. */
    @Setup
    public void setup() {
        headers = Headers.of("Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736", "Content-Type", "application/json",
            "Tenant", "acme-eu-west");
        byte[] encoded = HeadersCodec.encode(headers);
        blockLength = encoded.length;
        block = ByteBuffer.allocateDirect(blockLength);
        block.put(encoded).flip();
    }

    /**
     * Encodes the three headers.
     *
     * @return the block
     */
    @Benchmark
    public byte[] encode() {
        return HeadersCodec.encode(headers);
    }

    /**
     * Decodes the block.
     *
     * @return the headers
     */
    @Benchmark
    public Headers decode() {
        return HeadersCodec.decode(block, 0, blockLength, 0);
    }
}
