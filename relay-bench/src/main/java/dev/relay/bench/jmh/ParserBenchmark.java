package dev.relay.bench.jmh;

import dev.relay.nats.internal.protocol.ProtocolHandler;
import dev.relay.nats.internal.protocol.ProtocolParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ProtocolParser} on a direct buffer (as Netty hands it over) of {@value #FRAMES} frames
 * {@code MSG foo.bar 1 16\r\n<16 bytes>\r\n}; the score is frames parsed per second on one thread. The
 * handler consumes each frame (sid, offsets and one payload byte) so nothing is optimised away.
 * JMH state: one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
    /** Frames in the buffer, i.e. operations per invocation. */
    public static final int FRAMES = 1000;

    private ByteBuffer input;
    private ProtocolParser parser;
    private ConsumingHandler handler;

    /** Builds the input buffer and the parser. */
    @Setup
    public void setup() {
        byte[] frame = "MSG foo.bar 1 16\r\n0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
        input = ByteBuffer.allocateDirect(frame.length * FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            input.put(frame);
        }
        input.flip();
        handler = new ConsumingHandler();
        parser = new ProtocolParser(handler, 4096, 64 * 1024 * 1024);
    }

    /**
     * Parses the whole buffer once.
     *
     * @return a value derived from every frame
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long parse() {
        input.position(0);
        parser.feed(input);
        return handler.sum;
    }

    /** Adds up what each frame carries; confined to the benchmark thread. */
    static final class ConsumingHandler implements ProtocolHandler {
        long sum;

        @Override
        public void onMsg(ByteBuffer buf, int subjectOff, int subjectLen, long sid, int replyOff, int replyLen,
                          int headerLen, int payloadOff, int totalLen) {
            sum += sid + subjectLen + replyLen + headerLen + totalLen + buf.get(payloadOff);
        }

        @Override
        public void onInfo(String json) {
            sum += json.length();
        }

        @Override
        public void onPing() {
            sum++;
        }

        @Override
        public void onPong() {
            sum++;
        }

        @Override
        public void onOk() {
            sum++;
        }

        @Override
        public void onErr(String message) {
            sum += message.length();
        }
    }
}
