package dev.relay.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable description of a nats-server cluster to start: node count, cluster name, JetStream and
 * raw config text shared by every node. Built with {@link #builder()}, changed with
 * {@link #toBuilder()}. Thread-safe (immutable).
 */
public final class NatsClusterConfig {

    /** The cluster name used unless {@link Builder#name(String)} sets another. */
    public static final String DEFAULT_NAME = "relay-test";

    /** Upper bound on nodes; a test cluster of more processes is almost certainly a mistake. */
    static final int MAX_NODES = 16;

    private final int nodes;
    private final String name;
    private final boolean jetStream;
    private final String extraConfig;
    private final boolean debug;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final Duration formTimeout;
    private final boolean keepLogsOnClose;

    private NatsClusterConfig(Builder b) {
        this.nodes = b.nodes;
        this.name = b.name;
        this.jetStream = b.jetStream;
        this.extraConfig = b.extraConfig;
        this.debug = b.debug;
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
        this.formTimeout = b.formTimeout;
        this.keepLogsOnClose = b.keepLogsOnClose;
    }

    /**
     * Returns a builder with the defaults: 3 nodes named {@code relay-test-0..2} in cluster
     * {@value #DEFAULT_NAME}, JetStream off, 15 s to form.
     *
     * <p>{@code NatsClusterConfig c = NatsClusterConfig.builder().nodes(5).jetStream(true).build();}
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default configuration, the same as {@code builder().build()}.
     *
     * @return the defaults
     */
    public static NatsClusterConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder pre-filled with this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return how many nodes; default 3 */
    public int nodes() {
        return nodes;
    }

    /** @return the {@code cluster.name}; nodes are named {@code <name>-<index>}; default {@value #DEFAULT_NAME} */
    public String name() {
        return name;
    }

    /** @return whether every node runs clustered JetStream with its own store; default false */
    public boolean jetStream() {
        return jetStream;
    }

    /** @return raw nats-server config text appended to every node's config; default empty */
    public String extraConfig() {
        return extraConfig;
    }

    /** @return whether {@code debug} and {@code trace} logging are on for every node; default false */
    public boolean debug() {
        return debug;
    }

    /** @return how long each node's start or restart waits for its INFO greeting; default 10 s */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** @return how long a graceful stop of one node waits before killing it; default 5 s */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** @return how long {@link NatsCluster#start(NatsClusterConfig)} waits for the routes; default 15 s */
    public Duration formTimeout() {
        return formTimeout;
    }

    /** @return whether closing keeps every node's config and log files; default false */
    public boolean keepLogsOnClose() {
        return keepLogsOnClose;
    }

    @Override
    public String toString() {
        return "NatsClusterConfig{nodes=" + nodes + ", name=" + name + ", jetStream=" + jetStream
                + ", debug=" + debug + ", extraConfig=" + extraConfig.length() + " chars, formTimeout="
                + formTimeout + "}";
    }

    /** Mutable builder for {@link NatsClusterConfig}; confined to the thread that uses it. */
    public static final class Builder {
        private int nodes = 3;
        private String name = DEFAULT_NAME;
        private boolean jetStream;
        private String extraConfig = "";
        private boolean debug;
        private Duration startTimeout = Duration.ofSeconds(10);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Duration formTimeout = Duration.ofSeconds(15);
        private boolean keepLogsOnClose;

        private Builder() {
        }

        private Builder(NatsClusterConfig c) {
            this.nodes = c.nodes;
            this.name = c.name;
            this.jetStream = c.jetStream;
            this.extraConfig = c.extraConfig;
            this.debug = c.debug;
            this.startTimeout = c.startTimeout;
            this.stopTimeout = c.stopTimeout;
            this.formTimeout = c.formTimeout;
            this.keepLogsOnClose = c.keepLogsOnClose;
        }

        /**
         * Sets the number of nodes.
         *
         * @param count 1..{@value NatsClusterConfig#MAX_NODES}; default 3
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder nodes(int count) {
            if (count < 1 || count > MAX_NODES) {
                throw new IllegalArgumentException("nodes must be between 1 and " + MAX_NODES + ", was " + count);
            }
            this.nodes = count;
            return this;
        }

        /**
         * Sets the cluster name; node {@code i} gets {@code server_name} {@code <name>-<i>}.
         *
         * @param name a non-blank name without whitespace; default {@value NatsClusterConfig#DEFAULT_NAME}
         * @return this builder
         * @throws IllegalArgumentException if blank or containing whitespace
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("name must be non-blank without whitespace: '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Enables clustered JetStream: each node gets its own temporary store and the cluster is
         * formed only once every running node reports a meta leader.
         *
         * @param enabled true for JetStream; default false
         * @return this builder
         */
        public Builder jetStream(boolean enabled) {
            this.jetStream = enabled;
            return this;
        }

        /**
         * Sets raw config text appended to every node's config, after the generated cluster block.
         *
         * @param text nats-server config text, may be empty
         * @return this builder
         */
        public Builder extraConfig(String text) {
            this.extraConfig = Objects.requireNonNull(text, "extraConfig");
            return this;
        }

        /**
         * Turns on debug and protocol trace logging on every node.
         *
         * @param enabled true for verbose logs; default false
         * @return this builder
         */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        /**
         * Sets how long each node's start and restart wait for its INFO greeting.
         *
         * @param timeout a positive duration; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /**
         * Sets how long a graceful stop of one node waits before the process is killed.
         *
         * @param timeout a positive duration; default 5 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * Sets how long starting the cluster waits until all routes (and JetStream leader) are up.
         *
         * @param timeout a positive duration; default 15 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder formTimeout(Duration timeout) {
            this.formTimeout = positive(timeout, "formTimeout");
            return this;
        }

        /**
         * Keeps every node's config and log files when the cluster is closed.
         *
         * @param keep true to keep them; default false
         * @return this builder
         */
        public Builder keepLogsOnClose(boolean keep) {
            this.keepLogsOnClose = keep;
            return this;
        }

        /**
         * Builds the immutable configuration.
         *
         * @return the configuration
         */
        public NatsClusterConfig build() {
            return new NatsClusterConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
