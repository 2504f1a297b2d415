package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sid table: lookups after adds, removes and growth, compared with a plain map. */
class SubscriptionRegistryTest {
    /** A registry entry standing in for a subscription. */
    private record Sub(long sid) implements SubscriptionRegistry.Entry {
    }

    private final SubscriptionRegistry<Sub> registry = new SubscriptionRegistry<>();

    private static Sub sub(long sid) {
        return new Sub(sid);
    }

    @Test
    void sidsAreUniqueAndIncreasing() {
        long a = registry.nextSid();
        long b = registry.nextSid();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void findsWhatWasAddedAndForgetsWhatWasRemoved() {
        Sub s1 = sub(1);
        Sub s2 = sub(2);
        registry.add(s1);
        registry.add(s2);
        assertThat(registry.get(1)).isSameAs(s1);
        assertThat(registry.get(2)).isSameAs(s2);
        assertThat(registry.get(3)).isNull();
        assertThat(registry.remove(1)).isSameAs(s1);
        assertThat(registry.get(1)).isNull();
        assertThat(registry.remove(1)).isNull();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void staysCorrectThroughGrowthAndChurnOfTenThousandSubscriptions() {
        Map<Long, Sub> expected = new HashMap<>();
        Random random = new Random(42);
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                long sid = registry.nextSid();
                Sub s = sub(sid);
                registry.add(s);
                expected.put(sid, s);
                live.add(sid);
            } else {
                long sid = live.remove(random.nextInt(live.size()));
                assertThat(registry.remove(sid)).isSameAs(expected.remove(sid));
            }
        }
        assertThat(registry.size()).isEqualTo(expected.size());
        expected.forEach((sid, s) -> assertThat(registry.get(sid)).isSameAs(s));
        assertThat(registry.all()).containsExactlyInAnyOrderElementsOf(expected.values());
    }
}
