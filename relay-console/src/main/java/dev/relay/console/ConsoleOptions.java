package dev.relay.console;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ConsoleServer} listens and what it allows: bind address, port, access token, the
 * server's monitoring URL and the limits that keep one console's memory bounded. Immutable;
 * thread-safe.
 *
 * <p>{@code ConsoleOptions.builder().port(0).monitorUrl(URI.create("http://127.0.0.1:8222")).build()}
 */
public final class ConsoleOptions {

    /** The address the console binds to unless told otherwise: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    /** The port the console listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8080;

    private final String bindAddress;
    private final int port;
    private final Optional<String> accessToken;
    private final Optional<URI> monitorUrl;
    private final int maxSubscriptions;
    private final int maxSockets;
    private final long socketBufferBytes;
    private final int maxBodyBytes;
    private final Duration requestTimeout;

    private ConsoleOptions(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.accessToken = Optional.ofNullable(b.accessToken);
        this.monitorUrl = Optional.ofNullable(b.monitorUrl);
        this.maxSubscriptions = b.maxSubscriptions;
        this.maxSockets = b.maxSockets;
        this.socketBufferBytes = b.socketBufferBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.requestTimeout = b.requestTimeout;
    }

    /**
     * A builder with the defaults: {@value #DEFAULT_BIND}:{@value #DEFAULT_PORT}, a generated access
     * token, no monitor, 100 subscriptions, 32 WebSockets, 1 MiB per WebSocket, 8 MiB request bodies,
     * 2 s request timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address to listen on.
     *
     * @return a host name or IP address, {@value #DEFAULT_BIND} by default
     */
    public String bindAddress() {
        return bindAddress;
    }

    /**
     * The port to listen on; 0 picks a free one ({@link ConsoleServer#port()} tells which).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The token every API call and WebSocket must carry; empty means one is generated at start.
     *
     * @return the configured token, if any
     */
    public Optional<String> accessToken() {
        return accessToken;
    }

    /**
     * The base URL of the NATS server's monitoring port (its {@code /varz} and {@code /connz}).
     *
     * @return the URL, or empty when the monitor panel is off
     */
    public Optional<URI> monitorUrl() {
        return monitorUrl;
    }

    /**
     * How many subscriptions the console holds at once; one more is refused with status 429.
     *
     * @return the limit
     */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /**
     * How many message WebSockets may be open at once.
     *
     * @return the limit
     */
    public int maxSockets() {
        return maxSockets;
    }

    /**
     * Bytes a WebSocket may have waiting for a slow browser; past that, messages to it are dropped and
     * counted.
     *
     * @return the bound in bytes
     */
    public long socketBufferBytes() {
        return socketBufferBytes;
    }

    /**
     * The largest HTTP request body accepted.
     *
     * @return the bound in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * The timeout of {@code POST /api/nats/request} when the call names none.
     *
     * @return the timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Builds {@link ConsoleOptions}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private String accessToken;
        private URI monitorUrl;
        private int maxSubscriptions = 100;
        private int maxSockets = 32;
        private long socketBufferBytes = 1024 * 1024;
        private int maxBodyBytes = 8 * 1024 * 1024;
        private Duration requestTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * Sets the address to listen on.
         *
         * @param address a host name or IP address, e.g. {@code 0.0.0.0} to be reachable from elsewhere
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder bindAddress(String address) {
            if (Objects.requireNonNull(address, "address").isBlank()) {
                throw new IllegalArgumentException("address: must not be blank");
            }
            this.bindAddress = address.strip();
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port 0 to 65535; 0 picks a free port
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the access token instead of generating one.
         *
         * @param token at least 8 visible ASCII characters
         * @return this builder
         * @throws IllegalArgumentException if shorter or with other characters
         */
        public Builder accessToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 8 || !token.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException("token: must be at least 8 visible ASCII characters");
            }
            this.accessToken = token;
            return this;
        }

        /**
         * Turns on the server monitor panel.
         *
         * @param url the server's monitoring base URL, e.g. {@code http://127.0.0.1:8222}
         * @return this builder
         * @throws IllegalArgumentException if not an absolute http(s) URL
         */
        public Builder monitorUrl(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("url: the monitor URL must be http(s)://HOST:PORT, got " + url);
            }
            this.monitorUrl = url;
            return this;
        }

        /**
         * Sets how many subscriptions the console holds at once.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxSubscriptions(int max) {
            this.maxSubscriptions = atLeastOne("max", max);
            return this;
        }

        /**
         * Sets how many message WebSockets may be open at once.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxSockets(int max) {
            this.maxSockets = atLeastOne("max", max);
            return this;
        }

        /**
         * Sets the bytes a WebSocket may have waiting before messages to it are dropped.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder socketBufferBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("bytes: must be at least 1024, got " + bytes);
            }
            this.socketBufferBytes = bytes;
            return this;
        }

        /**
         * Sets the largest HTTP request body accepted.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("bytes: must be at least 1024, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets the default request timeout.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public ConsoleOptions build() {
            return new ConsoleOptions(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + ": must be at least 1, got " + value);
            }
            return value;
        }
    }
}
