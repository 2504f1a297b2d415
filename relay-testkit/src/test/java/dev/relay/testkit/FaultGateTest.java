package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.FaultProxy.Mode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link FaultGate}: the forwarding decision with a fake clock, and wake-ups. */
class FaultGateTest {

    private static final long WAIT_SECONDS = 10;

    private final AtomicLong now = new AtomicLong(1_000);
    private final FaultGate gate = new FaultGate(now::get);

    @Test
    void passForwardsStallWaitsForAChangeDelayWaitsForTheRest() {
        assertThat(FaultGate.waitNanos(Mode.PASS, 500, 1_000, 1_000)).isZero();
        assertThat(FaultGate.waitNanos(Mode.STALL, 500, 1_000, 1_000)).isEqualTo(FaultGate.UNTIL_CHANGED);
        assertThat(FaultGate.waitNanos(Mode.DELAY, 500, 1_000, 1_200)).isEqualTo(300);
        assertThat(FaultGate.waitNanos(Mode.DELAY, 500, 1_000, 1_500)).isZero();
        assertThat(FaultGate.waitNanos(Mode.DELAY, 500, 1_000, 9_000)).isZero();
        assertThat(FaultGate.waitNanos(Mode.DELAY, 0, 1_000, 1_000)).isZero();
    }

    @Test
    void forwardsAtOnceInPassAndOnceTheDelayHasElapsed() {
        assertThat(gate.awaitForward(now.get(), () -> false)).isTrue();
        gate.set(Mode.DELAY, 500);
        now.set(2_000);
        assertThat(gate.awaitForward(1_500, () -> false)).isTrue();
        assertThat(gate.mode()).isEqualTo(Mode.DELAY);
        assertThat(gate.delayNanos()).isEqualTo(500);
    }

    @Test
    void refusesOnceClosedOrAbandoned() {
        assertThat(gate.awaitForward(now.get(), () -> true)).isFalse();
        gate.close();
        assertThat(gate.awaitForward(now.get(), () -> false)).isFalse();
    }

    @Test
    void aStalledChunkIsReleasedByPass() throws Exception {
        gate.set(Mode.STALL, 0);
        CompletableFuture<Boolean> forwarded =
                CompletableFuture.supplyAsync(() -> gate.awaitForward(now.get(), () -> false));
        gate.set(Mode.PASS, 0);
        assertThat(forwarded.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStalledChunkIsDroppedWhenTheGateCloses() throws Exception {
        gate.set(Mode.STALL, 0);
        CompletableFuture<Boolean> forwarded =
                CompletableFuture.supplyAsync(() -> gate.awaitForward(now.get(), () -> false));
        gate.close();
        assertThat(forwarded.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aStalledChunkOfAClosedLinkIsDroppedOnWakeAll() throws Exception {
        gate.set(Mode.STALL, 0);
        AtomicLong linkClosed = new AtomicLong();
        CompletableFuture<Boolean> forwarded =
                CompletableFuture.supplyAsync(() -> gate.awaitForward(now.get(), () -> linkClosed.get() == 1));
        linkClosed.set(1);
        gate.wakeAll();
        assertThat(forwarded.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }
}
