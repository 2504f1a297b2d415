package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JetStream} context talks to the JetStream API: the API prefix (or a domain, which sets
 * it), the timeout of API calls and publish acks, and the bound on asynchronous publishes awaiting
 * their ack. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * JetStream js = JetStream.of(nc, JetStreamOptions.builder().domain("hub").requestTimeout(Duration.ofSeconds(2)).build());
 * }</pre>
 *
 * @param apiPrefix prefix of the API subjects, {@code $JS.API} by default
 * @param requestTimeout timeout of API calls and of synchronous publishes, 5 s by default
 * @param maxPendingPublishes most asynchronous publishes awaiting their ack; further ones wait, 4,000 by default
 */
public record JetStreamOptions(String apiPrefix, Duration requestTimeout, int maxPendingPublishes) {
    /** The default prefix of the JetStream API subjects. */
    public static final String DEFAULT_API_PREFIX = "$JS.API";

    /** Checks the fields. */
    public JetStreamOptions {
        Names.checkSubject("apiPrefix", apiPrefix);
        if (apiPrefix.endsWith(".") || apiPrefix.contains("*") || apiPrefix.contains(">")) {
            throw new IllegalArgumentException("apiPrefix: '" + apiPrefix + "' must be a plain subject without wildcards");
        }
        Names.checkPositive("requestTimeout", requestTimeout);
        if (maxPendingPublishes < 1) {
            throw new IllegalArgumentException("maxPendingPublishes: must be at least 1, got " + maxPendingPublishes);
        }
    }

    /**
     * The defaults: {@code $JS.API}, 5 s, 4,000 pending publishes.
     *
     * @return the default options
     */
    public static JetStreamOptions defaults() {
        return builder().build();
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JetStreamOptions}. Not thread-safe. */
    public static final class Builder {
        private String apiPrefix = DEFAULT_API_PREFIX;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private int maxPendingPublishes = 4000;

        private Builder() {
        }

        /**
         * Sets the API prefix, for JetStream imported from another account.
         *
         * @param prefix e.g. {@code $JS.hub.API} or an import prefix such as {@code JS.acc.API}
         * @return this builder
         */
        public Builder apiPrefix(String prefix) {
            this.apiPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Talks to the JetStream of a domain: sets the API prefix to {@code $JS.<domain>.API}.
         *
         * @param domain the domain name
         * @return this builder
         */
        public Builder domain(String domain) {
            this.apiPrefix = "$JS." + Names.checkName("domain", domain) + ".API";
            return this;
        }

        /**
         * Sets the timeout of API calls and synchronous publishes.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Sets how many asynchronous publishes may await their ack before further ones wait.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxPendingPublishes(int max) {
            this.maxPendingPublishes = max;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public JetStreamOptions build() {
            return new JetStreamOptions(apiPrefix, requestTimeout, maxPendingPublishes);
        }
    }
}
