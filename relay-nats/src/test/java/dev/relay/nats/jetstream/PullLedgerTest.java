package dev.relay.nats.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The book of open pull requests: what each still owes, and when the server has dropped it. */
class PullLedgerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void deliveriesPayTheOldestRequestFirstAndAFilledOneIsDone() {
        PullLedger l = new PullLedger();
        l.opened(1, 3, 0, 30 * SECOND);
        l.opened(2, 2, 0, 30 * SECOND);
        for (int i = 0; i < 3; i++) {
            l.delivered(100);
        }
        assertThat(l.openRequests()).isEqualTo(1);
        assertThat(l.pendingMsgs()).isEqualTo(2);
        assertThat(l.ended(1)).as("request 1 was already filled").isFalse();
    }

    @Test
    void anEndedRequestTakesWhatItStillOwedWithIt() {
        PullLedger l = new PullLedger();
        l.opened(1, 10, 1000, 30 * SECOND);
        l.delivered(300);
        assertThat(l.ended(1)).isTrue();
        assertThat(l.pendingMsgs()).isZero();
        assertThat(l.pendingBytes()).isZero();
    }

    @Test
    void aRequestWhoseByteBudgetIsUsedUpIsDone() {
        PullLedger l = new PullLedger();
        l.opened(1, 10, 250, 30 * SECOND);
        l.delivered(100);
        l.delivered(150);
        assertThat(l.openRequests()).isZero();
        assertThat(l.pendingMsgs()).isZero();
        assertThat(l.pendingBytes()).isZero();
    }

    @Test
    void aRequestIsForgottenAtItsExpiryEvenWithoutAStatus() {
        PullLedger l = new PullLedger();
        l.opened(1, 10, 0, 5 * SECOND);
        l.opened(2, 10, 0, 9 * SECOND);
        l.expire(5 * SECOND);
        assertThat(l.openRequests()).isEqualTo(1);
        assertThat(l.pendingMsgs()).isEqualTo(10);
    }

    @Test
    void aMaxWaitingRefusalHoldsNewRequestsUntilAnOpenOneEnds() {
        PullLedger l = new PullLedger();
        l.opened(1, 10, 0, 30 * SECOND);
        l.opened(2, 5, 0, 30 * SECOND);
        l.refusedAsTooMany(2);
        assertThat(l.pendingMsgs()).isEqualTo(10);
        assertThat(l.mayOpen()).isFalse();
        l.ended(1);
        assertThat(l.mayOpen()).isTrue();
    }

    @Test
    void deliveriesForForgottenRequestsChangeNothing() {
        PullLedger l = new PullLedger();
        l.opened(1, 10, 0, 30 * SECOND);
        l.clear();
        l.delivered(100);
        assertThat(l.pendingMsgs()).isZero();
        assertThat(l.openRequests()).isZero();
    }
}
