package dev.relay.nats;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a {@linkplain Connection#requestMany(String, Headers, byte[], RequestManyOptions) request-many}
 * stops gathering replies (ADR-47): after {@link #maxMessages()} replies, after {@link #totalWait()},
 * when no reply came for {@link #stallWait()} after the previous one, or at a sentinel (a reply with
 * no payload and no headers), whichever comes first. Immutable; thread-safe.
 *
 * <pre>{@code
 * RequestManyOptions gather = RequestManyOptions.builder()
 *     .totalWait(Duration.ofSeconds(2)).stallWait(Duration.ofMillis(200)).maxMessages(10).build();
 * }</pre>
 */
public final class RequestManyOptions {
    private final int maxMessages;
    private final Duration totalWait;
    private final Duration stallWait;
    private final boolean sentinel;
    private final int maxPending;

    private RequestManyOptions(Builder b) {
        this.maxMessages = b.maxMessages;
        this.totalWait = b.totalWait;
        this.stallWait = b.stallWait;
        this.sentinel = b.sentinel;
        this.maxPending = b.maxPending;
    }

    /**
     * A new builder: no count limit, the connection's request timeout as total wait, no stall timer,
     * no sentinel.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Gathers every reply that arrives within a total wait.
     *
     * @param totalWait how long to gather; must be positive
     * @return the options
     */
    public static RequestManyOptions maxWait(Duration totalWait) {
        return builder().totalWait(totalWait).build();
    }

    /**
     * Gathers up to a number of replies, within the connection's request timeout.
     *
     * @param maxMessages how many replies end the request; at least 1
     * @return the options
     */
    public static RequestManyOptions maxMessages(int maxMessages) {
        return builder().maxMessages(maxMessages).build();
    }

    /**
     * Gathers replies until an empty one (no payload, no headers) arrives, within a total wait.
     *
     * @param totalWait how long to gather at most; must be positive
     * @return the options
     */
    public static RequestManyOptions untilSentinel(Duration totalWait) {
        return builder().totalWait(totalWait).sentinel(true).build();
    }

    /**
     * How many replies end the request; 0 means no limit.
     *
     * @return the count limit
     */
    public int maxMessages() {
        return maxMessages;
    }

    /**
     * The total wait, if one was given; otherwise the connection's {@link Options#requestTimeout()} applies.
     *
     * @return the total wait
     */
    public Optional<Duration> totalWait() {
        return Optional.ofNullable(totalWait);
    }

    /**
     * The longest gap allowed between one reply and the next, if any. The first reply may take the
     * whole total wait.
     *
     * @return the stall wait
     */
    public Optional<Duration> stallWait() {
        return Optional.ofNullable(stallWait);
    }

    /**
     * Whether an empty reply (no payload, no headers) ends the request; the sentinel itself is not
     * handed out.
     *
     * @return true if the sentinel is on
     */
    public boolean sentinel() {
        return sentinel;
    }

    /**
     * How many replies may wait unread in the iterable form before the request ends with
     * {@link RequestManyEnd#OVERFLOW}, so that a flood of replies cannot fill the heap (default 65,536).
     * The callback form hands each reply over as it comes and is not bounded by this.
     *
     * @return the bound on queued replies
     */
    public int maxPending() {
        return maxPending;
    }

    @Override
    public String toString() {
        return "RequestManyOptions[maxMessages=" + maxMessages + ", totalWait=" + totalWait + ", stallWait="
            + stallWait + ", sentinel=" + sentinel + ", maxPending=" + maxPending + "]";
    }

    /** Builds {@link RequestManyOptions}; not thread-safe. */
    public static final class Builder {
        private int maxMessages;
        private Duration totalWait;
        private Duration stallWait;
        private boolean sentinel;
        private int maxPending = 65_536;

        private Builder() {
        }

        /**
         * How many replies end the request (default 0: no limit).
         *
         * @param maxMessages at least 1, or 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxMessages(int maxMessages) {
            if (maxMessages < 0) {
                throw new IllegalArgumentException("maxMessages: must be at least 1, or 0 for no limit; got " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * How long to gather replies in all (default: the connection's request timeout).
         *
         * @param totalWait must be positive
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder totalWait(Duration totalWait) {
            this.totalWait = positive(totalWait, "totalWait");
            return this;
        }

        /**
         * The longest gap allowed after a reply before the request counts as stalled and ends (default:
         * none). A stall wait not shorter than the total wait has no effect, as ADR-47 says.
         *
         * @param stallWait must be positive
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder stallWait(Duration stallWait) {
            this.stallWait = positive(stallWait, "stallWait");
            return this;
        }

        /**
         * Whether an empty reply (no payload, no headers) ends the request (default false).
         *
         * @param sentinel true to stop at the first empty reply
         * @return this builder
         */
        public Builder sentinel(boolean sentinel) {
            this.sentinel = sentinel;
            return this;
        }

        /**
         * How many replies may wait unread in the iterable form (default 65,536); past it the request
         * ends with {@link RequestManyEnd#OVERFLOW}.
         *
         * @param maxPending at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxPending(int maxPending) {
            if (maxPending < 1) {
                throw new IllegalArgumentException("maxPending: must be at least 1; got " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public RequestManyOptions build() {
            return new RequestManyOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": must be positive, got " + Durations.format(d));
            }
            return d;
        }
    }
}
