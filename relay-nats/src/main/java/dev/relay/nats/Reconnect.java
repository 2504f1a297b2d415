package dev.relay.nats;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection does when it loses its server: whether and how often it reconnects, how long it
 * waits between rounds, what it buffers meanwhile. Immutable; built inside
 * {@link Options.Builder#reconnect(java.util.function.Consumer)}.
 *
 * <pre>{@code
 * Options.builder().reconnect(r -> r.maxReconnects(-1).wait(Duration.ofMillis(500)).jitter(Duration.ofMillis(100)))
 * }</pre>
 *
 * @param enabled whether to reconnect at all (default true)
 * @param maxReconnects failed attempts allowed per server before it leaves the pool; -1 for no limit (default 60)
 * @param initialWait wait before the second round of attempts; doubles each round up to {@code maxWait} (default 250 ms)
 * @param maxWait the longest wait between rounds (default 4 s)
 * @param jitter random extra wait, up to this, added to each wait (default 100 ms)
 * @param tlsJitter random extra wait for TLS servers (default 1 s)
 * @param delayHandler replaces wait, backoff and jitter when present
 * @param bufferSize bytes of publishes kept while disconnected; 0 refuses publishes then (default 8 MiB)
 * @param retryOnFailedConnect whether {@code connect} returns at once and keeps trying in the background
 *     when no server answers (default false: {@code connect} fails)
 * @param noRandomize whether to try servers in the given order instead of shuffling them (default false)
 * @param failRequestsOnDisconnect whether pending requests fail at once on a disconnect instead of waiting
 *     for a reply after the reconnect, until their own timeout (default false)
 * @param lameDuckFailover whether to move to another server as soon as this one announces lame duck mode
 *     (default true)
 */
public record Reconnect(boolean enabled, int maxReconnects, Duration initialWait, Duration maxWait, Duration jitter,
                        Duration tlsJitter, Optional<ReconnectDelayHandler> delayHandler, long bufferSize,
                        boolean retryOnFailedConnect, boolean noRandomize, boolean failRequestsOnDisconnect,
                        boolean lameDuckFailover) {

    /** The defaults. */
    public static final Reconnect DEFAULTS = new Builder().build();

    /**
     * A builder starting from these values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects reconnect settings. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private int maxReconnects = 60;
        private Duration wait = Duration.ofMillis(250);
        private Duration maxWait = Duration.ofSeconds(4);
        private Duration jitter = Duration.ofMillis(100);
        private Duration tlsJitter = Duration.ofSeconds(1);
        private ReconnectDelayHandler delayHandler;
        private long bufferSize = 8L * 1024 * 1024;
        private boolean retryOnFailedConnect;
        private boolean noRandomize;
        private boolean failRequestsOnDisconnect;
        private boolean lameDuckFailover = true;

        Builder() {
        }

        Builder(Reconnect r) {
            enabled = r.enabled;
            maxReconnects = r.maxReconnects;
            wait = r.initialWait;
            maxWait = r.maxWait;
            jitter = r.jitter;
            tlsJitter = r.tlsJitter;
            delayHandler = r.delayHandler.orElse(null);
            bufferSize = r.bufferSize;
            retryOnFailedConnect = r.retryOnFailedConnect;
            noRandomize = r.noRandomize;
            failRequestsOnDisconnect = r.failRequestsOnDisconnect;
            lameDuckFailover = r.lameDuckFailover;
        }

        /**
         * Turns reconnecting on or off.
         *
         * @param enabled false to close the connection when its server is lost
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Failed attempts allowed per server before it is dropped from the pool.
         *
         * @param max at least 0, or -1 for no limit
         * @return this builder
         */
        public Builder maxReconnects(int max) {
            if (max < -1) {
                throw new IllegalArgumentException("maxReconnects: must be -1 (no limit) or at least 0, got " + max);
            }
            this.maxReconnects = max;
            return this;
        }

        /**
         * Wait before the second round of attempts; it doubles each round up to {@link #maxWait}.
         *
         * @param wait zero or positive
         * @return this builder
         */
        public Builder wait(Duration wait) {
            this.wait = nonNegative(wait, "wait");
            return this;
        }

        /**
         * Longest wait between rounds.
         *
         * @param maxWait zero or positive
         * @return this builder
         */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = nonNegative(maxWait, "maxWait");
            return this;
        }

        /**
         * Random extra wait added to each round's wait, so many clients do not return at once.
         *
         * @param jitter zero or positive
         * @return this builder
         */
        public Builder jitter(Duration jitter) {
            this.jitter = nonNegative(jitter, "jitter");
            return this;
        }

        /**
         * Random extra wait for TLS servers (handshakes cost the server more).
         *
         * @param jitter zero or positive
         * @return this builder
         */
        public Builder tlsJitter(Duration jitter) {
            this.tlsJitter = nonNegative(jitter, "tlsJitter");
            return this;
        }

        /**
         * Replaces the built-in wait, backoff and jitter.
         *
         * @param handler gives the wait before each round
         * @return this builder
         */
        public Builder delayHandler(ReconnectDelayHandler handler) {
            this.delayHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Bytes of publishes kept while disconnected and sent first after the reconnect.
         *
         * @param bytes 0 to refuse publishes while disconnected (default 8 MiB)
         * @return this builder
         */
        public Builder bufferSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bufferSize: must not be negative, got " + bytes);
            }
            this.bufferSize = bytes;
            return this;
        }

        /**
         * Lets {@code connect} return at once when no server answers, and keep trying in the background.
         *
         * @param retry true to retry in the background
         * @return this builder
         */
        public Builder retryOnFailedConnect(boolean retry) {
            this.retryOnFailedConnect = retry;
            return this;
        }

        /**
         * Tries servers in the given order instead of shuffling them.
         *
         * @param noRandomize true to keep the order
         * @return this builder
         */
        public Builder noRandomize(boolean noRandomize) {
            this.noRandomize = noRandomize;
            return this;
        }

        /**
         * Makes pending requests fail at once on a disconnect instead of waiting out their timeout.
         *
         * @param fail true to fail them at once
         * @return this builder
         */
        public Builder failRequestsOnDisconnect(boolean fail) {
            this.failRequestsOnDisconnect = fail;
            return this;
        }

        /**
         * Whether to move to another server when this one announces lame duck mode.
         *
         * @param failover false to stay until the server closes the connection
         * @return this builder
         */
        public Builder lameDuckFailover(boolean failover) {
            this.lameDuckFailover = failover;
            return this;
        }

        Reconnect build() {
            return new Reconnect(enabled, maxReconnects, wait, maxWait, jitter, tlsJitter,
                Optional.ofNullable(delayHandler), bufferSize, retryOnFailedConnect, noRandomize,
                failRequestsOnDisconnect, lameDuckFailover);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + ": must not be negative, got " + Durations.format(d));
            }
            return d;
        }
    }
}
