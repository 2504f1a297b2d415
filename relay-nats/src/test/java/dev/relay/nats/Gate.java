package dev.relay.nats;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds message handlers until the test opens it, so that messages pile up as pending. Never holds a
 * handler longer than {@link Clients#WAIT}, so a failing test cannot hang a dispatcher thread. Thread-safe.
 */
final class Gate {
    private final CountDownLatch open = new CountDownLatch(1);

    /** Blocks the calling handler until {@link #open()}. */
    void pass() {
        try {
            if (!open.await(Clients.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }

    /** Lets every held and future handler through. */
    void open() {
        open.countDown();
    }
}
