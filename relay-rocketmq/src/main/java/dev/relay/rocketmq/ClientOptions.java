package dev.relay.rocketmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by {@link Producer}, {@link Admin} and {@link PullConsumer}: name servers, group,
 * timeouts, retries, TLS and RPC hooks. Immutable; built with {@link #builder()}.
 *
 * <p>{@code ClientOptions o = ClientOptions.builder().nameServers("127.0.0.1:9876").group("pg")
 *     .credentials("ak", "sk").useTls(true).tlsTrustCertificate(Path.of("ca.pem")).build();}
 */
public final class ClientOptions {
    /** The topic brokers with {@code traceTopicEnable} create for message traces. */
    public static final String DEFAULT_TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    private final List<String> nameServers;
    private final String group;
    private final Duration requestTimeout;
    private final int retries;
    private final int maxInFlight;
    private final Duration routeRefreshInterval;
    private final Duration heartbeatInterval;
    private final boolean useTls;
    private final Path tlsTrustCertificate;
    private final boolean tlsTrustAll;
    private final List<RpcHook> rpcHooks;
    private final boolean trace;
    private final String traceTopic;

    private ClientOptions(Builder b) {
        this.trace = b.trace;
        this.traceTopic = b.traceTopic;
        this.nameServers = List.copyOf(b.nameServers);
        this.group = b.group;
        this.requestTimeout = b.requestTimeout;
        this.retries = b.retries;
        this.maxInFlight = b.maxInFlight;
        this.routeRefreshInterval = b.routeRefreshInterval;
        this.heartbeatInterval = b.heartbeatInterval;
        this.useTls = b.useTls;
        this.tlsTrustCertificate = b.tlsTrustCertificate;
        this.tlsTrustAll = b.tlsTrustAll;
        List<RpcHook> hooks = new ArrayList<>(b.rpcHooks);
        if (b.acl != null) {
            hooks.add(b.acl);
        }
        this.rpcHooks = List.copyOf(hooks);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options (the ACL hook, if any, stays last among the hooks) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nameServers.addAll(nameServers);
        b.group = group;
        b.requestTimeout = requestTimeout;
        b.retries = retries;
        b.maxInFlight = maxInFlight;
        b.routeRefreshInterval = routeRefreshInterval;
        b.heartbeatInterval = heartbeatInterval;
        b.useTls = useTls;
        b.tlsTrustCertificate = tlsTrustCertificate;
        b.tlsTrustAll = tlsTrustAll;
        b.rpcHooks.addAll(rpcHooks);
        b.trace = trace;
        b.traceTopic = traceTopic;
        return b;
    }

    /** @return whether producers record message traces; default false */
    public boolean trace() {
        return trace;
    }

    /** @return the topic trace records go to; default {@value #DEFAULT_TRACE_TOPIC} */
    public String traceTopic() {
        return traceTopic;
    }

    /** @return the name server addresses ({@code host:port}), tried in order with failover */
    public List<String> nameServers() {
        return nameServers;
    }

    /** @return the producer or consumer group; default {@code relay_default_group} */
    public String group() {
        return group;
    }

    /** @return how long one request waits for its response; default 3 s */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return how many more times a failed sync or async send is tried, on another broker if any; default 2 */
    public int retries() {
        return retries;
    }

    /** @return the most async sends in flight at once; {@code sendAsync} blocks beyond it; default 256 */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return how often topic routes are fetched again; default 30 s */
    public Duration routeRefreshInterval() {
        return routeRefreshInterval;
    }

    /** @return how often heartbeats go to every broker; default 30 s */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** @return whether connections use TLS; default false */
    public boolean useTls() {
        return useTls;
    }

    /** @return the PEM CA file servers are verified against, or {@code null} for the JDK's trust store */
    public Path tlsTrustCertificate() {
        return tlsTrustCertificate;
    }

    /** @return whether any server certificate is accepted (tests only); default false */
    public boolean tlsTrustAll() {
        return tlsTrustAll;
    }

    /** @return the RPC hooks in call order, the ACL hook from {@link Builder#credentials} last */
    public List<RpcHook> rpcHooks() {
        return rpcHooks;
    }

    /** Builds {@link ClientOptions}; not thread-safe. */
    public static final class Builder {
        private final List<String> nameServers = new ArrayList<>();
        private String group = "relay_default_group";
        private Duration requestTimeout = Duration.ofSeconds(3);
        private int retries = 2;
        private int maxInFlight = 256;
        private Duration routeRefreshInterval = Duration.ofSeconds(30);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private boolean useTls;
        private Path tlsTrustCertificate;
        private boolean tlsTrustAll;
        private final List<RpcHook> rpcHooks = new ArrayList<>();
        private AclRpcHook acl;
        private boolean trace;
        private String traceTopic = DEFAULT_TRACE_TOPIC;

        private Builder() {
        }

        /**
         * Records a trace of every send and transaction end (Pub and EndTransaction records, batched to
         * the trace topic by a separate internal producer), readable with {@link Admin#queryTrace}.
         *
         * @param value whether to trace
         * @return this
         */
        public Builder trace(boolean value) {
            this.trace = value;
            return this;
        }

        /**
         * Sends trace records to this topic instead of {@value ClientOptions#DEFAULT_TRACE_TOPIC} (and turns tracing on).
         *
         * @param topic the trace topic
         * @return this
         */
        public Builder traceTopic(String topic) {
            Validation.topic(topic);
            this.traceTopic = topic;
            this.trace = true;
            return this;
        }

        /**
         * @param addresses name servers as {@code host:port}, or {@code host:port;host:port} lists
         * @return this
         */
        public Builder nameServers(String... addresses) {
            for (String a : addresses) {
                for (String one : Objects.requireNonNull(a, "name server").split("[;,]")) {
                    nameServers.add(checkAddress(one.trim()));
                }
            }
            return this;
        }

        /**
         * @param value the producer or consumer group
         * @return this
         */
        public Builder group(String value) {
            this.group = Validation.group(value, "group");
            return this;
        }

        /**
         * @param value per-request timeout, positive
         * @return this
         */
        public Builder requestTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + value);
            }
            this.requestTimeout = value;
            return this;
        }

        /**
         * @param value extra attempts of a failed sync or async send (on another broker if any), 0 or more
         * @return this
         */
        public Builder retries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("retries must be >= 0, was " + value);
            }
            this.retries = value;
            return this;
        }

        /**
         * @param value the most async sends in flight, at least 1
         * @return this
         */
        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be >= 1, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /**
         * @param value how often routes are refreshed, positive
         * @return this
         */
        public Builder routeRefreshInterval(Duration value) {
            this.routeRefreshInterval = positive(value, "routeRefreshInterval");
            return this;
        }

        /**
         * @param value how often heartbeats are sent, positive
         * @return this
         */
        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = positive(value, "heartbeatInterval");
            return this;
        }

        /**
         * @param value whether to use TLS (servers are verified against the JDK's trust store unless
         *     {@link #tlsTrustCertificate} or {@link #tlsTrustAll} says otherwise)
         * @return this
         */
        public Builder useTls(boolean value) {
            this.useTls = value;
            return this;
        }

        /**
         * Verifies servers against this CA (and turns TLS on).
         *
         * @param caPem a PEM file with the CA certificate(s)
         * @return this
         * @throws IllegalArgumentException if the file is not readable
         */
        public Builder tlsTrustCertificate(Path caPem) {
            if (caPem == null || !Files.isReadable(caPem)) {
                throw new IllegalArgumentException("tlsTrustCertificate " + caPem + " is not a readable file");
            }
            this.tlsTrustCertificate = caPem;
            this.useTls = true;
            return this;
        }

        /**
         * Accepts any server certificate (and turns TLS on); for tests only.
         *
         * @param value whether to skip server verification
         * @return this
         */
        public Builder tlsTrustAll(boolean value) {
            this.tlsTrustAll = value;
            this.useTls |= value;
            return this;
        }

        /**
         * Adds a hook; hooks run in the order added.
         *
         * @param hook the hook
         * @return this
         */
        public Builder rpcHook(RpcHook hook) {
            rpcHooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Signs requests with ACL credentials: an {@link AclRpcHook} that runs after all other hooks.
         *
         * @param accessKey the access key
         * @param secretKey the secret key
         * @return this
         */
        public Builder credentials(String accessKey, String secretKey) {
            this.acl = new AclRpcHook(accessKey, secretKey);
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if no name server was given
         */
        public ClientOptions build() {
            if (nameServers.isEmpty()) {
                throw new IllegalArgumentException("at least one name server (host:port) is required");
            }
            return new ClientOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static String checkAddress(String address) {
            int colon = address.lastIndexOf(':');
            boolean ok = colon > 0 && colon < address.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(address.substring(colon + 1));
                    ok = port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("name server '" + address + "' must be host:port");
            }
            return address;
        }
    }
}
