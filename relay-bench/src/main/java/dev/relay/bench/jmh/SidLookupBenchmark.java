package dev.relay.bench.jmh;

import dev.relay.nats.internal.connection.SubscriptionRegistry;
import java.util.SplittableRandom;
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
 * {@link SubscriptionRegistry#get} (the I/O thread's lookup per message) in a registry of
 * {@value #SUBSCRIPTIONS} subscriptions, for {@value #LOOKUPS} random but precomputed sids per
 * invocation; the score is lookups per second. JMH state: one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SidLookupBenchmark {
    /** Subscriptions in the registry. */
    public static final int SUBSCRIPTIONS = 10_000;
    /** Lookups per invocation. */
    public static final int LOOKUPS = 4096;

    private final long[] sids = new long[LOOKUPS];
    private SubscriptionRegistry<Sub> registry;

    /** A registry entry with nothing but its sid. */
    record Sub(long sid) implements SubscriptionRegistry.Entry {
    }

    /** Fills the registry and draws the sids to look up (fixed seed). */
    @Setup
    public void setup() {
        registry = new SubscriptionRegistry<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            registry.add(new Sub(registry.nextSid()));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < LOOKUPS; i++) {
            sids[i] = 1 + random.nextInt(SUBSCRIPTIONS);
        }
    }

    /**
     * Looks every precomputed sid up.
     *
     * @return the sum of the sids found
     */
    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long lookup() {
        long sum = 0;
        for (long sid : sids) {
            sum += registry.get(sid).sid();
        }
        return sum;
    }
}
