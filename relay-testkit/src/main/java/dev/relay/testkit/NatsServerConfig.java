package dev.relay.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable description of one nats-server process to start: ports, JetStream, name and raw config
 * text. Built with {@link #builder()} and changed with {@link #toBuilder()}. Thread-safe (immutable).
 */
public final class NatsServerConfig {

    private final boolean jetStream;
    private final int port;
    private final String name;
    private final String extraConfig;
    private final String configTemplate;
    private final boolean debug;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean keepLogsOnClose;
    private final String serverVersion;

    private NatsServerConfig(Builder b) {
        this.jetStream = b.jetStream;
        this.port = b.port;
        this.name = b.name;
        this.extraConfig = b.extraConfig;
        this.configTemplate = b.configTemplate;
        this.debug = b.debug;
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
        this.keepLogsOnClose = b.keepLogsOnClose;
        this.serverVersion = b.serverVersion;
    }

    /**
     * Returns a builder with the defaults: JetStream on, free port, generated name, 10 s start timeout.
     *
     * <p>{@code NatsServerConfig c = NatsServerConfig.builder().jetStream(false).debug(true).build();}
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
    public static NatsServerConfig defaults() {
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

    /** @return whether JetStream is enabled with a fresh temporary store directory; default true */
    public boolean jetStream() {
        return jetStream;
    }

    /** @return the requested client port; 0 (the default) picks a free loopback port */
    public int port() {
        return port;
    }

    /** @return the requested {@code server_name}; empty means {@code relay-<port>} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return raw nats-server config text appended after the generated (or template) config */
    public String extraConfig() {
        return extraConfig;
    }

    /** @return the full config template replacing the generated config, if one was set */
    public Optional<String> configTemplate() {
        return Optional.ofNullable(configTemplate);
    }

    /** @return whether {@code debug: true} and {@code trace: true} are added to the config */
    public boolean debug() {
        return debug;
    }

    /** @return how long to wait for the server's INFO greeting; default 10 s */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** @return how long a graceful stop waits before killing the process; default 5 s */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** @return whether {@link NatsServer#close()} keeps the config and log files; default false */
    public boolean keepLogsOnClose() {
        return keepLogsOnClose;
    }

    /**
     * Returns the nats-server version this config asks for, e.g. {@code 2.9} for Debian's 2.9.10; empty
     * (the default) runs the default server: {@code RELAY_NATS_SERVER} when set, else the pinned current one.
     *
     * @return the requested version or version prefix
     */
    public Optional<String> serverVersion() {
        return Optional.ofNullable(serverVersion);
    }

    @Override
    public String toString() {
        return "NatsServerConfig{jetStream=" + jetStream + ", port=" + port + ", name=" + name
                + (serverVersion == null ? "" : ", serverVersion=" + serverVersion)
                + ", debug=" + debug + ", template=" + (configTemplate != null)
                + ", extraConfig=" + extraConfig.length() + " chars, startTimeout=" + startTimeout + "}";
    }

    /** Mutable builder for {@link NatsServerConfig}; confined to the thread that uses it. */
    public static final class Builder {
        private boolean jetStream = true;
        private int port;
        private String name;
        private String extraConfig = "";
        private String configTemplate;
        private boolean debug;
        private Duration startTimeout = Duration.ofSeconds(10);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private boolean keepLogsOnClose;
        private String serverVersion;

        private Builder() {
        }

        private Builder(NatsServerConfig c) {
            this.jetStream = c.jetStream;
            this.port = c.port;
            this.name = c.name;
            this.extraConfig = c.extraConfig;
            this.configTemplate = c.configTemplate;
            this.debug = c.debug;
            this.startTimeout = c.startTimeout;
            this.stopTimeout = c.stopTimeout;
            this.keepLogsOnClose = c.keepLogsOnClose;
            this.serverVersion = c.serverVersion;
        }

        /**
         * Enables JetStream with a fresh temporary store directory.
         *
         * @param enabled true (the default) to add a {@code jetstream { store_dir: ... }} block
         * @return this builder
         */
        public Builder jetStream(boolean enabled) {
            this.jetStream = enabled;
            return this;
        }

        /**
         * Sets the client port on 127.0.0.1.
         *
         * @param port 1..65535, or 0 (the default) to pick a free port and retry on a port race
         * @return this builder
         * @throws IllegalArgumentException if the port is outside 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the {@code server_name}.
         *
         * @param name a non-blank name without whitespace (nats-server rejects spaces)
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or contains whitespace
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
         * Sets raw config text appended after the generated or template config. nats-server lets a
         * later key override an earlier one, so this can also replace generated settings.
         *
         * @param text nats-server config text, may be empty
         * @return this builder
         */
        public Builder extraConfig(String text) {
            this.extraConfig = Objects.requireNonNull(text, "extraConfig");
            return this;
        }

        /**
         * Replaces the generated config with a full template. The placeholders {@code {{host}}},
         * {@code {{port}}}, {@code {{store_dir}}} (absolute path, unquoted) and {@code {{name}}} are
         * substituted at start; {@link #debug(boolean)} and {@link #extraConfig(String)} are still
         * appended. The template must listen on {@code {{host}}:{{port}}} so readiness can be checked.
         *
         * @param template config text containing at least {@code {{port}}}
         * @return this builder
         * @throws IllegalArgumentException on an unknown placeholder or a missing {@code {{port}}}
         */
        public Builder configTemplate(String template) {
            ConfigRenderer.checkTemplate(Objects.requireNonNull(template, "configTemplate"));
            this.configTemplate = template;
            return this;
        }

        /**
         * Turns on debug and protocol trace logging ({@code debug: true}, {@code trace: true}).
         *
         * @param enabled true for verbose server logs; default false
         * @return this builder
         */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        /**
         * Sets how long start and restart wait for the INFO greeting.
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
         * Sets how long a graceful stop (SIGTERM) waits before the process is killed.
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
         * Keeps the config and log files when the server is closed (the store is always deleted).
         *
         * @param keep true to keep them; default false
         * @return this builder
         */
        public Builder keepLogsOnClose(boolean keep) {
            this.keepLogsOnClose = keep;
            return this;
        }

        /**
         * Asks for a nats-server of a given version instead of the default (current) one, e.g. to show
         * that a 2.10+ feature is refused by 2.9. The first binary found whose {@code --version} matches
         * runs: {@code RELAY_NATS_SERVER}, the pinned current build, other cached builds, {@code PATH},
         * {@code /usr/bin}, {@code /usr/sbin}.
         *
         * <p>{@code NatsServerConfig.builder().serverVersion("2.9").build()}
         *
         * @param version a version or a prefix of whole components ({@code 2.9} matches 2.9.10); blank
         *     means the default server
         * @return this builder
         */
        public Builder serverVersion(String version) {
            Objects.requireNonNull(version, "serverVersion");
            this.serverVersion = version.isBlank() ? null : version.strip();
            return this;
        }

        /**
         * Builds the immutable configuration.
         *
         * @return the configuration
         */
        public NatsServerConfig build() {
            return new NatsServerConfig(this);
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
