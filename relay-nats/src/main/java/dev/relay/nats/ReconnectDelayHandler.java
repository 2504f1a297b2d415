package dev.relay.nats;

import java.time.Duration;

/** Chooses how long to wait before a reconnect round, replacing the built-in backoff and jitter. */
@FunctionalInterface
public interface ReconnectDelayHandler {

    /**
     * The wait before the given round of attempts (a round tries every server of the pool once).
     *
     * @param round 1 for the first round that follows a failed one, then 2, 3, …
     * @return the wait; zero for none
     */
    Duration delay(int round);
}
