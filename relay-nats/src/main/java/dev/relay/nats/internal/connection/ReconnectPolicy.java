package dev.relay.nats.internal.connection;

import dev.relay.nats.Reconnect;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before a reconnect round: the user's handler if given, else the initial wait
 * doubled each round up to the maximum, plus random jitter. A pure function of the round number and
 * the random source. Thread-safe if the random source is.
 */
final class ReconnectPolicy {
    private final Reconnect settings;
    private final DoubleSupplier random;

    ReconnectPolicy(Reconnect settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * The wait before round {@code round}.
     *
     * @param round 1 for the first round after a failed one
     * @param tls whether the servers use TLS (larger jitter)
     * @return the wait in nanoseconds, at least 0
     */
    long nextDelayNanos(int round, boolean tls) {
        if (settings.delayHandler().isPresent()) {
            Duration d = settings.delayHandler().get().delay(round);
            return d == null || d.isNegative() ? 0 : d.toNanos();
        }
        long base = settings.initialWait().toNanos();
        long max = Math.max(base, settings.maxWait().toNanos());
        int shift = Math.min(Math.max(round - 1, 0), 30);
        long wait = base > (max >> shift) ? max : Math.min(max, base << shift);
        long jitter = (tls ? settings.tlsJitter() : settings.jitter()).toNanos();
        return wait + (long) (random.getAsDouble() * jitter);
    }
}
