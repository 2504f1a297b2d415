package dev.relay.nats;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to connect: servers, identity, timeouts, limits and listeners. Immutable; made with
 * {@link #builder()} and changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * Options o = Options.builder()
 *     .servers("nats://127.0.0.1:4222")
 *     .name("billing")
 *     .connectionListener(e -> log.info("{}", e))
 *     .build();
 * }</pre>
 *
 * <p>Longer than the house's 600 lines because every option carries its javadoc, default and argument
 * check in the builder; the option groups with a life of their own ({@link Reconnect}, {@link TlsOptions})
 * already live apart, and grouping the limits and pings the same way is the next step down.
 */
public final class Options {
    /** Default server URL when none is given. */
    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

    private final List<URI> servers;
    private final String name;
    private final boolean echo;
    private final boolean noResponders;
    private final boolean headers;
    private final boolean ignoreDiscoveredServers;
    private final long maxPayload;
    private final long outboundBacklogAlarm;
    private final Duration socketWriteTimeout;
    private final Duration tcpKeepAlive;
    private final java.util.function.Supplier<List<String>> serverListProvider;
    private final boolean pedantic;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String inboxPrefix;
    private final int pendingMessagesLimit;
    private final long pendingBytesLimit;
    private final int dispatcherPendingMessagesLimit;
    private final long dispatcherPendingBytesLimit;
    private final int maxControlLine;
    private final long maxOutboundBytes;
    private final Duration maxPublishWait;
    private final java.util.concurrent.Executor dispatchExecutor;
    private final Reconnect reconnect;
    private final Duration pingInterval;
    private final int maxPingsOut;
    private final String user;
    private final String password;
    private final String token;
    private final Auth auth;
    private final TlsOptions tls;
    private final ConnectionListener connectionListener;
    private final ErrorListener errorListener;

    private Options(Builder b) {
        this.servers = List.copyOf(b.servers.isEmpty() ? List.of(parseUrl(DEFAULT_URL)) : b.servers);
        this.name = b.name;
        this.echo = b.echo;
        this.noResponders = b.noResponders;
        this.headers = b.headers;
        this.ignoreDiscoveredServers = b.ignoreDiscoveredServers;
        this.maxPayload = b.maxPayload;
        this.outboundBacklogAlarm = b.outboundBacklogAlarm;
        this.socketWriteTimeout = b.socketWriteTimeout;
        this.tcpKeepAlive = b.tcpKeepAlive;
        this.serverListProvider = b.serverListProvider;
        this.pedantic = b.pedantic;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.inboxPrefix = b.inboxPrefix;
        this.pendingMessagesLimit = b.pendingMessagesLimit;
        this.pendingBytesLimit = b.pendingBytesLimit;
        this.dispatcherPendingMessagesLimit = b.dispatcherPendingMessagesLimit;
        this.dispatcherPendingBytesLimit = b.dispatcherPendingBytesLimit;
        this.maxControlLine = b.maxControlLine;
        this.maxOutboundBytes = b.maxOutboundBytes;
        this.maxPublishWait = b.maxPublishWait;
        this.dispatchExecutor = b.dispatchExecutor;
        this.reconnect = b.reconnect;
        this.pingInterval = b.pingInterval;
        this.maxPingsOut = b.maxPingsOut;
        this.user = b.user;
        this.password = b.password;
        this.token = b.token;
        this.auth = b.auth;
        this.tls = b.tls;
        this.connectionListener = b.connectionListener;
        this.errorListener = b.errorListener;
    }

    /**
     * A builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding these values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the servers to try, in order (default {@value #DEFAULT_URL}) */
    public List<URI> servers() {
        return servers;
    }

    /** @return the client name sent in CONNECT, or empty */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return whether the server sends this connection its own messages back (default true) */
    public boolean echo() {
        return echo;
    }

    /**
     * @return whether the server answers a request nobody listens to with status 503 at once (default
     *     true; false: such a request waits for its timeout, as before nats-server 2.2)
     */
    public boolean noResponders() {
        return noResponders;
    }

    /** @return whether this connection sends and receives headers (default true) */
    public boolean headers() {
        return headers;
    }

    /** @return whether the servers a cluster announces are left out of the server pool (default false) */
    public boolean ignoreDiscoveredServers() {
        return ignoreDiscoveredServers;
    }

    /**
     * @return the largest message this client publishes, headers included, when set below the server's
     *     {@code max_payload}; 0 (the default) for the server's own limit
     */
    public long maxPayload() {
        return maxPayload;
    }

    /**
     * @return bytes published and not yet sent past which the error listener's
     *     {@link ErrorListener#onOutboundBacklog} is called; 0 (the default) for no alarm
     */
    public long outboundBacklogAlarm() {
        return outboundBacklogAlarm;
    }

    /**
     * @return how long one batch may wait for the socket before the link is given up and replaced
     *     (default 1 min; zero: never)
     */
    public Duration socketWriteTimeout() {
        return socketWriteTimeout;
    }

    /**
     * @return the idle time after which TCP keepalive probes start, if set; otherwise the system's default
     *     (keepalive is always on)
     */
    public Optional<Duration> tcpKeepAlive() {
        return Optional.ofNullable(tcpKeepAlive);
    }

    /** @return what is asked for the servers to use before each reconnect round, if set */
    public Optional<java.util.function.Supplier<List<String>>> serverListProvider() {
        return Optional.ofNullable(serverListProvider);
    }

    /** @return whether the server checks subjects strictly (default false) */
    public boolean pedantic() {
        return pedantic;
    }

    /** @return how long socket connect plus handshake may take (default 2 s) */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return timeout of requests that give none (default 2 s) */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return prefix of inbox subjects (default {@code _INBOX}) */
    public String inboxPrefix() {
        return inboxPrefix;
    }

    /** @return default pending message bound of each subscription (default 65,536) */
    public int pendingMessagesLimit() {
        return pendingMessagesLimit;
    }

    /** @return default pending byte bound of each subscription (default 64 MiB) */
    public long pendingBytesLimit() {
        return pendingBytesLimit;
    }

    /** @return default pending message bound of each dispatcher, all its subscriptions together (default 524,288) */
    public int dispatcherPendingMessagesLimit() {
        return dispatcherPendingMessagesLimit;
    }

    /** @return default pending byte bound of each dispatcher, all its subscriptions together (default 256 MiB) */
    public long dispatcherPendingBytesLimit() {
        return dispatcherPendingBytesLimit;
    }

    /** @return longest control line accepted from the server, in bytes (default 64 KiB) */
    public int maxControlLine() {
        return maxControlLine;
    }

    /** @return bound of bytes published but not yet written, before publishers wait (default 64 MiB) */
    public long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /** @return how long a publish may wait for room when the outbound bound is reached (default 10 s) */
    public Duration maxPublishWait() {
        return maxPublishWait;
    }

    /**
     * @return the executor that runs message handlers, if one was given; otherwise Relay's shared pool
     *     ({@code relay-nats-dispatch-N}, one thread per core)
     */
    public Optional<java.util.concurrent.Executor> dispatchExecutor() {
        return Optional.ofNullable(dispatchExecutor);
    }

    /** @return what happens when the server is lost (reconnect on by default) */
    public Reconnect reconnect() {
        return reconnect;
    }

    /** @return how often the client PINGs the server to detect a dead connection (default 2 min) */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** @return unanswered PINGs after which the connection counts as lost (default 2) */
    public int maxPingsOut() {
        return maxPingsOut;
    }

    /** @return user name for user/password authentication, or empty */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** @return password for user/password authentication, or empty */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** @return token for token authentication, or empty */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** @return NKey or JWT authentication, or empty */
    public Optional<Auth> auth() {
        return Optional.ofNullable(auth);
    }

    /**
     * TLS settings. When present every server is reached over TLS; when absent only {@code tls://} URLs
     * are, with {@link TlsOptions#defaults()}.
     *
     * @return the TLS settings, or empty
     */
    public Optional<TlsOptions> tls() {
        return Optional.ofNullable(tls);
    }

    /** @return the lifecycle listener (default: logs at INFO) */
    public ConnectionListener connectionListener() {
        return connectionListener;
    }

    /** @return the error listener (default: logs at WARN) */
    public ErrorListener errorListener() {
        return errorListener;
    }

    private static URI parseUrl(String url) {
        Objects.requireNonNull(url, "url");
        String s = url.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("servers: a server URL must not be empty");
        }
        if (!s.contains("://")) {
            s = "nats://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("servers: '" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("unix")) {
            if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getHost() != null) {
                throw new IllegalArgumentException("servers: '" + url + "' must name a socket file, "
                    + "like unix:///run/nats.sock");
            }
            return uri;
        }
        if (!scheme.equals("nats") && !scheme.equals("tls")) {
            throw new IllegalArgumentException("servers: '" + url + "' has scheme '" + uri.getScheme()
                + "'; nats://, tls:// and unix:// are supported");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("servers: '" + url + "' has no host");
        }
        if (uri.getPort() == -1) {
            try {
                uri = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), 4222, uri.getPath(), null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("servers: '" + url + "': " + e.getMessage(), e);
            }
        }
        return uri;
    }

    /** Collects option values; {@link #build()} checks them together. Not thread-safe. */
    public static final class Builder {
        private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
        private final List<URI> servers = new ArrayList<>();
        private String name;
        private boolean echo = true;
        private boolean noResponders = true;
        private boolean headers = true;
        private boolean ignoreDiscoveredServers;
        private long maxPayload;
        private long outboundBacklogAlarm;
        private Duration socketWriteTimeout = Duration.ofMinutes(1);
        private Duration tcpKeepAlive;
        private java.util.function.Supplier<List<String>> serverListProvider;
        private boolean pedantic;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(2);
        private String inboxPrefix = "_INBOX";
        private int pendingMessagesLimit = 65_536;
        private long pendingBytesLimit = 64L * 1024 * 1024;
        private int dispatcherPendingMessagesLimit = 512 * 1024;
        private long dispatcherPendingBytesLimit = 256L * 1024 * 1024;
        private int maxControlLine = 64 * 1024;
        private long maxOutboundBytes = 64L * 1024 * 1024;
        private Duration maxPublishWait = Duration.ofSeconds(10);
        private java.util.concurrent.Executor dispatchExecutor;
        private Reconnect reconnect = Reconnect.DEFAULTS;
        private Duration pingInterval = Duration.ofMinutes(2);
        private int maxPingsOut = 2;
        private String user;
        private String password;
        private String token;
        private Auth auth;
        private TlsOptions tls;
        private ConnectionListener connectionListener = e -> LOG.info("nats connection: {}", e);
        private ErrorListener errorListener = new DefaultErrorListener(LOG);

        private Builder() {
        }

        private Builder(Options o) {
            servers.addAll(o.servers);
            name = o.name;
            echo = o.echo;
            noResponders = o.noResponders;
            headers = o.headers;
            ignoreDiscoveredServers = o.ignoreDiscoveredServers;
            maxPayload = o.maxPayload;
            outboundBacklogAlarm = o.outboundBacklogAlarm;
            socketWriteTimeout = o.socketWriteTimeout;
            tcpKeepAlive = o.tcpKeepAlive;
            serverListProvider = o.serverListProvider;
            pedantic = o.pedantic;
            connectTimeout = o.connectTimeout;
            requestTimeout = o.requestTimeout;
            inboxPrefix = o.inboxPrefix;
            pendingMessagesLimit = o.pendingMessagesLimit;
            pendingBytesLimit = o.pendingBytesLimit;
            dispatcherPendingMessagesLimit = o.dispatcherPendingMessagesLimit;
            dispatcherPendingBytesLimit = o.dispatcherPendingBytesLimit;
            maxControlLine = o.maxControlLine;
            maxOutboundBytes = o.maxOutboundBytes;
            maxPublishWait = o.maxPublishWait;
            dispatchExecutor = o.dispatchExecutor;
            reconnect = o.reconnect;
            pingInterval = o.pingInterval;
            maxPingsOut = o.maxPingsOut;
            user = o.user;
            password = o.password;
            token = o.token;
            auth = o.auth;
            tls = o.tls;
            connectionListener = o.connectionListener;
            errorListener = o.errorListener;
        }

        /**
         * Sets the servers to connect to, replacing any set before. A URL may carry credentials:
         * {@code nats://user:pass@host:port} or {@code nats://token@host:port}.
         *
         * @param urls one or more URLs; the port defaults to 4222
         * @return this builder
         * @throws IllegalArgumentException if a URL is malformed or not {@code nats://}, or no URL is given
         *     (an empty or blank string once meant the default server silently)
         */
        public Builder servers(String... urls) {
            if (urls == null || urls.length == 0) {
                throw new IllegalArgumentException("servers: at least one URL is required");
            }
            List<URI> parsed = new ArrayList<>();
            for (String u : urls) {
                if (u == null || u.isBlank()) {
                    throw new IllegalArgumentException("servers: a server URL must not be empty or blank, got '"
                        + u + "'");
                }
                for (String part : u.split(",")) {
                    if (part.isBlank()) {
                        throw new IllegalArgumentException("servers: empty entry in the URL list '" + u + "'");
                    }
                    parsed.add(parseUrl(part));
                }
            }
            servers.clear();
            servers.addAll(parsed);
            return this;
        }

        /**
         * Names the client; the server shows it in monitoring.
         *
         * @param name the client name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Whether the server delivers this connection's own publishes to its subscriptions.
         *
         * @param echo false to suppress (default true)
         * @return this builder
         */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /**
         * Turns off the server's "no responders" answer: a request nobody listens to then waits for its
         * timeout ({@code NatsTimeoutException}) instead of failing at once with {@code NoRespondersException}.
         *
         * @return this builder
         */
        public Builder noNoResponders() {
            this.noResponders = false;
            return this;
        }

        /**
         * Turns headers off for this connection: the server then delivers messages without their headers,
         * publishing headers is refused, and "no responders" (which needs headers) is off too.
         *
         * @return this builder
         */
        public Builder noHeaders() {
            this.headers = false;
            this.noResponders = false;
            return this;
        }

        /**
         * Keeps the server pool to the servers given here: those a cluster announces in INFO are not added.
         *
         * @return this builder
         */
        public Builder ignoreDiscoveredServers() {
            this.ignoreDiscoveredServers = true;
            return this;
        }

        /**
         * Refuses, before anything is sent, messages larger than this (headers included), below the
         * server's {@code max_payload}; the server's limit still applies when it is smaller.
         *
         * @param bytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxPayload(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPayload: must be at least 1 byte, got " + bytes);
            }
            this.maxPayload = bytes;
            return this;
        }

        /**
         * Tells the error listener ({@link ErrorListener#onOutboundBacklog}) when the bytes published
         * and not yet handed to the network pass {@code bytes}, once per episode: the client-side slow
         * consumer, noticed before publishers have to wait at {@link #maxOutboundBytes}.
         *
         * @param bytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder outboundBacklogAlarm(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("outboundBacklogAlarm: must be at least 1 byte, got " + bytes);
            }
            this.outboundBacklogAlarm = bytes;
            return this;
        }

        /**
         * Gives up a link whose socket took nothing of a batch for this long (a server that stopped
         * reading), and reconnects as after a loss, instead of letting publishers wait at the outbound
         * bound for ever. The batch being written is lost with the link, as any batch in flight at a loss.
         *
         * @param timeout zero or positive (default 1 min; zero turns the check off)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder socketWriteTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("socketWriteTimeout: must not be negative, got "
                    + Durations.format(timeout));
            }
            this.socketWriteTimeout = timeout;
            return this;
        }

        /**
         * Starts TCP keepalive probes after the link has been idle this long, and repeats them as often
         * (three unanswered end the link), so that a dead peer behind a silent network is noticed by the
         * operating system too, not only by the PING/PONG check. Without it the system's default applies
         * (two hours on Linux).
         *
         * @param idle at least one second
         * @return this builder
         * @throws IllegalArgumentException if under one second
         */
        public Builder tcpKeepAlive(Duration idle) {
            Objects.requireNonNull(idle, "idle");
            if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("tcpKeepAlive: must be at least 1s, got " + Durations.format(idle));
            }
            this.tcpKeepAlive = idle;
            return this;
        }

        /**
         * Asks the application which servers to use before each reconnect round (service discovery, a DNS
         * lookup of its own): the answer replaces the servers given with {@link #servers}, while those the
         * cluster announced stay. Called on a Relay thread; it should answer quickly. A provider that
         * throws or returns nothing leaves the pool as it was, and the error listener hears why.
         *
         * @param provider URLs as {@link #servers} takes them
         * @return this builder
         */
        public Builder serverListProvider(java.util.function.Supplier<List<String>> provider) {
            this.serverListProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Asks the server for strict subject checks.
         *
         * @param pedantic true for strict checks (default false)
         * @return this builder
         */
        public Builder pedantic(boolean pedantic) {
            this.pedantic = pedantic;
            return this;
        }

        /**
         * How long connecting (socket, INFO, CONNECT, PONG) may take.
         *
         * @param timeout positive duration (default 2 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Timeout of requests that do not give their own.
         *
         * @param timeout positive duration (default 2 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Prefix of inbox subjects, for accounts that restrict reply subjects.
         *
         * @param prefix a valid subject without wildcards (default {@code _INBOX})
         * @return this builder
         */
        public Builder inboxPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty() || prefix.endsWith(".") || prefix.contains("*") || prefix.contains(">")
                    || prefix.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("inboxPrefix: '" + prefix
                    + "' must be a non-empty subject without wildcards, whitespace or a trailing dot");
            }
            this.inboxPrefix = prefix;
            return this;
        }

        /**
         * Default pending limits of new subscriptions.
         *
         * @param maxMessages pending message bound, at least 1 (default 65,536)
         * @param maxBytes pending byte bound, at least 1 (default 64 MiB)
         * @return this builder
         */
        public Builder pendingLimits(int maxMessages, long maxBytes) {
            if (maxMessages < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("pendingLimits: both limits must be at least 1, got "
                    + maxMessages + " messages, " + maxBytes + " bytes");
            }
            this.pendingMessagesLimit = maxMessages;
            this.pendingBytesLimit = maxBytes;
            return this;
        }

        /**
         * Default pending limits of new dispatchers: what one dispatcher holds for all its
         * subscriptions together, on top of each subscription's own limits.
         *
         * @param maxMessages pending message bound, at least 1 (default 524,288)
         * @param maxBytes pending byte bound, at least 1 (default 256 MiB)
         * @return this builder
         */
        public Builder dispatcherPendingLimits(int maxMessages, long maxBytes) {
            if (maxMessages < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("dispatcherPendingLimits: both limits must be at least 1, got "
                    + maxMessages + " messages, " + maxBytes + " bytes");
            }
            this.dispatcherPendingMessagesLimit = maxMessages;
            this.dispatcherPendingBytesLimit = maxBytes;
            return this;
        }

        /**
         * Longest control line accepted from the server (INFO, MSG, -ERR lines).
         *
         * @param bytes at least 1,024 (default 65,536)
         * @return this builder
         */
        public Builder maxControlLine(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxControlLine: must be at least 1024 bytes, got " + bytes);
            }
            this.maxControlLine = bytes;
            return this;
        }

        /**
         * Bound on bytes published and not yet written to the socket; past it publishers wait (see
         * {@link #maxPublishWait}). Below it a publish never waits for the socket.
         *
         * @param bytes at least 64 KiB (default 64 MiB)
         * @return this builder
         */
        public Builder maxOutboundBytes(long bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("maxOutboundBytes: must be at least 65536, got " + bytes);
            }
            this.maxOutboundBytes = bytes;
            return this;
        }

        /**
         * How long a publish may wait for the I/O thread when {@link #maxOutboundBytes} is reached, before
         * it fails with {@link NatsTimeoutException}. {@code Duration.ZERO} fails at once: back-pressure
         * becomes an exception the caller handles. Never unbounded memory either way.
         *
         * @param wait zero or positive (default 10 s)
         * @return this builder
         */
        public Builder maxPublishWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxPublishWait: must not be negative, got " + Durations.format(wait));
            }
            this.maxPublishWait = wait;
            return this;
        }

        /**
         * Runs message handlers on an executor of the application's instead of Relay's shared pool, for
         * instance one virtual thread per handler run. The ordering rules stay: one subscription's handler
         * (or one dispatcher's handlers) never runs on two threads at once. A blocking handler then costs
         * only a virtual thread; Relay's own write-through of a handler's reply applies on its pool only.
         *
         * <pre>{@code
         * Options.builder().dispatchExecutor(Executors.newVirtualThreadPerTaskExecutor())
         * }</pre>
         *
         * @param executor runs each dispatcher turn; must not refuse tasks while connections are open
         * @return this builder
         */
        public Builder dispatchExecutor(java.util.concurrent.Executor executor) {
            this.dispatchExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Adjusts reconnect behaviour, starting from the current settings.
         *
         * @param change sets what differs from the defaults
         * @return this builder
         */
        public Builder reconnect(java.util.function.Consumer<Reconnect.Builder> change) {
            Reconnect.Builder b = reconnect.toBuilder();
            change.accept(b);
            this.reconnect = b.build();
            return this;
        }

        /**
         * Turns reconnecting off: losing the server closes the connection.
         *
         * @return this builder
         */
        public Builder noReconnect() {
            return reconnect(r -> r.enabled(false));
        }

        /**
         * How often to PING the server; with {@link #maxPingsOut} it bounds how long a dead (half-open)
         * connection goes unnoticed: about interval × (maxPingsOut + 1).
         *
         * @param interval positive (default 2 min)
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /**
         * Unanswered PINGs after which the connection is treated as lost and reconnected.
         *
         * @param max at least 1 (default 2)
         * @return this builder
         */
        public Builder maxPingsOut(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPingsOut: must be at least 1, got " + max);
            }
            this.maxPingsOut = max;
            return this;
        }

        /**
         * User and password to authenticate with.
         *
         * @param user user name
         * @param password password
         * @return this builder
         */
        public Builder userInfo(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Token to authenticate with.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * NKey or JWT authentication: the connection signs each server's nonce with it. Works alongside
         * {@link #userInfo} and {@link #token} only if the server wants both (it normally wants one).
         *
         * <pre>{@code
         * Options.builder().auth(Auth.credsFile(Path.of("user.creds"))).build();
         * }</pre>
         *
         * @param auth from {@link Auth#nkeySeed}, {@link Auth#nkeyFile}, {@link Auth#credsFile} or {@link Auth#jwt}
         * @return this builder
         */
        public Builder auth(Auth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * Speaks TLS to every server (a {@code nats://} URL too), with these settings; without this,
         * {@code tls://} URLs use {@link TlsOptions#defaults()}. A server that requires TLS from a
         * connection that has none configured fails the connect with a message saying so.
         *
         * @param tls the TLS settings
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Listener for lifecycle events.
         *
         * @param listener the listener (default: logs at INFO)
         * @return this builder
         */
        public Builder connectionListener(ConnectionListener listener) {
            this.connectionListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Listener for errors that belong to no caller.
         *
         * @param listener the listener (default: logs at WARN)
         * @return this builder
         */
        public Builder errorListener(ErrorListener listener) {
            this.errorListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public Options build() {
            return new Options(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + ": must be positive, got " + Durations.format(d));
            }
            return d;
        }
    }
}
