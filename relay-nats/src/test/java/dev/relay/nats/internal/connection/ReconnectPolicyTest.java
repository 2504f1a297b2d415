package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Options;
import dev.relay.nats.Reconnect;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnect waits: doubling up to the cap, jitter within its bound, a user handler taking over. */
class ReconnectPolicyTest {
    private static Reconnect settings(java.util.function.Consumer<Reconnect.Builder> c) {
        return Options.builder().reconnect(c).build().reconnect();
    }

    @Test
    void doublesEachRoundUpToTheMaximum() {
        ReconnectPolicy p = new ReconnectPolicy(settings(r -> r.wait(Duration.ofMillis(100))
            .maxWait(Duration.ofMillis(1000)).jitter(Duration.ZERO)), () -> 0.5);
        assertThat(p.nextDelayNanos(1, false)).isEqualTo(100_000_000L);
        assertThat(p.nextDelayNanos(2, false)).isEqualTo(200_000_000L);
        assertThat(p.nextDelayNanos(4, false)).isEqualTo(800_000_000L);
        assertThat(p.nextDelayNanos(5, false)).isEqualTo(1_000_000_000L);
        assertThat(p.nextDelayNanos(500, false)).isEqualTo(1_000_000_000L);
    }

    @Test
    void addsJitterWithinItsBoundAndMoreForTls() {
        Reconnect s = settings(r -> r.wait(Duration.ofMillis(100)).jitter(Duration.ofMillis(50))
            .tlsJitter(Duration.ofMillis(500)));
        assertThat(new ReconnectPolicy(s, () -> 0.0).nextDelayNanos(1, false)).isEqualTo(100_000_000L);
        assertThat(new ReconnectPolicy(s, () -> 0.999).nextDelayNanos(1, false)).isBetween(149_000_000L, 150_000_000L);
        assertThat(new ReconnectPolicy(s, () -> 0.999).nextDelayNanos(1, true)).isBetween(599_000_000L, 600_000_000L);
    }

    @Test
    void aDelayHandlerReplacesTheBuiltInRule() {
        ReconnectPolicy p = new ReconnectPolicy(settings(r -> r.delayHandler(round -> Duration.ofSeconds(round))), () -> 0.9);
        assertThat(p.nextDelayNanos(3, true)).isEqualTo(3_000_000_000L);
    }

    @Test
    void pingKeeperDeclaresStaleAfterTooManyUnansweredPings() {
        PingKeeper k = new PingKeeper(2);
        assertThat(k.onTick()).isEqualTo(PingKeeper.Action.PING);
        assertThat(k.onTick()).isEqualTo(PingKeeper.Action.PING);
        assertThat(k.onTick()).isEqualTo(PingKeeper.Action.STALE);
        k.onPong();
        assertThat(k.onTick()).isEqualTo(PingKeeper.Action.PING);
    }
}
