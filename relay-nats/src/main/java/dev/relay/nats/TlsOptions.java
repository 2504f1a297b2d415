package dev.relay.nats;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a connection speaks TLS: whom it trusts, which certificate it shows for mutual TLS, whether it
 * checks the server's host name and whether it starts TLS before the server's INFO. Immutable; made with
 * {@link #builder()}. Key and trust files are read when {@link Builder#build()} runs, so a missing or
 * malformed file fails there, with its path, rather than at connect time.
 *
 * <p>Defaults are the safe ones: the JDK's trusted CAs, host name verification on (the name or address in
 * the server URL must appear in the server certificate), protocols and ciphers as the JDK chooses. Turning
 * verification off takes a method whose name says so, and logs a warning once per process.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.builder()
 *     .trustPem(Path.of("ca.pem"))
 *     .clientPem(Path.of("client.pem"), Path.of("client-key.pem"))
 *     .build();
 * Connection c = Nats.connect(Options.builder().servers("tls://nats.example.com:4222").tls(tls).build());
 * }</pre>
 */
public final class TlsOptions {
    private static final Logger LOG = LoggerFactory.getLogger(TlsOptions.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final SSLContext context;
    private final boolean verifyHostname;
    private final boolean insecure;
    private final boolean handshakeFirst;
    private final Duration handshakeTimeout;
    private final String description;

    private TlsOptions(SSLContext context, Builder b, String description) {
        this.context = context;
        this.verifyHostname = b.verifyHostname && !b.trustAll;
        this.insecure = b.trustAll || !b.verifyHostname;
        this.handshakeFirst = b.handshakeFirst;
        this.handshakeTimeout = b.handshakeTimeout;
        this.description = description;
        if (insecure && WARNED.compareAndSet(false, true)) {
            LOG.warn("TLS is configured INSECURELY ({}): a man in the middle can read and change this traffic",
                description);
        }
    }

    /**
     * TLS with every default: the JDK's trusted CAs, no client certificate, host name verification.
     *
     * @return default TLS options
     */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the SSL context that creates each connection's engine */
    public SSLContext sslContext() {
        return context;
    }

    /** @return whether the server certificate must name the host in the URL (default true) */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** @return whether certificate or host name checks were turned off */
    public boolean insecure() {
        return insecure;
    }

    /** @return whether TLS starts before the server's INFO (needs nats-server 2.10.4+ with {@code handshake_first}) */
    public boolean handshakeFirst() {
        return handshakeFirst;
    }

    /** @return the limit for the TLS handshake; empty to use the connection timeout */
    public Optional<Duration> handshakeTimeout() {
        return Optional.ofNullable(handshakeTimeout);
    }

    /** Describes the configuration without any secret. */
    @Override
    public String toString() {
        return "TlsOptions[" + description + (handshakeFirst ? ", handshake first" : "") + "]";
    }

    /** Collects TLS settings; {@link #build()} reads the files and makes the SSL context. Not thread-safe. */
    public static final class Builder {
        private Path trustPem;
        private Path trustStore;
        private char[] trustStorePassword;
        private Path certPem;
        private Path keyPem;
        private Path keyStore;
        private char[] keyStorePassword;
        private SSLContext context;
        private boolean trustAll;
        private boolean verifyHostname = true;
        private boolean handshakeFirst;
        private Duration handshakeTimeout;

        private Builder() {
        }

        /**
         * Trusts the CA certificates in a PEM file (one or more {@code BEGIN CERTIFICATE} blocks) instead
         * of the JDK's.
         *
         * @param caFile the PEM file
         * @return this builder
         */
        public Builder trustPem(Path caFile) {
            this.trustPem = Objects.requireNonNull(caFile, "caFile");
            return this;
        }

        /**
         * Trusts the certificates of a key store (PKCS#12 or JKS) instead of the JDK's.
         *
         * @param file the key store
         * @param password its password, or null when it has none; copied
         * @return this builder
         */
        public Builder trustStore(Path file, char[] password) {
            this.trustStore = Objects.requireNonNull(file, "file");
            this.trustStorePassword = password == null ? null : password.clone();
            return this;
        }

        /**
         * Shows this certificate chain and key to servers that ask for one (mutual TLS).
         *
         * @param certFile PEM certificate chain, the client certificate first
         * @param keyFile PEM private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA
         * @return this builder
         */
        public Builder clientPem(Path certFile, Path keyFile) {
            this.certPem = Objects.requireNonNull(certFile, "certFile");
            this.keyPem = Objects.requireNonNull(keyFile, "keyFile");
            return this;
        }

        /**
         * Shows the key and certificate of a key store (PKCS#12 or JKS) to servers that ask (mutual TLS).
         *
         * @param file the key store
         * @param password the store's and the key's password; copied
         * @return this builder
         */
        public Builder clientKeyStore(Path file, char[] password) {
            this.keyStore = Objects.requireNonNull(file, "file");
            this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * Uses a ready SSL context; trust and key settings of this builder must then be left unset.
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Accepts ANY server certificate, signed by anyone, for any name: traffic is encrypted but not
         * protected from a man in the middle. For tests against throw-away servers only; logs a warning.
         *
         * @return this builder
         */
        public Builder trustAllCertificatesInsecurely() {
            this.trustAll = true;
            return this;
        }

        /**
         * Accepts a trusted certificate even when it does not name the host in the URL. Weakens TLS:
         * any certificate from a trusted CA then passes. Logs a warning.
         *
         * @return this builder
         */
        public Builder skipHostnameVerificationInsecurely() {
            this.verifyHostname = false;
            return this;
        }

        /**
         * Starts TLS right after the TCP connect, before the server's INFO (nats-server 2.10.4+ with
         * {@code handshake_first}); an older server fails the connect with a message saying so.
         *
         * @param enabled whether to start TLS first
         * @return this builder
         */
        public Builder handshakeFirst(boolean enabled) {
            this.handshakeFirst = enabled;
            return this;
        }

        /**
         * Limits the TLS handshake (default: the connection timeout covers it).
         *
         * @param timeout positive limit
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, got " + Durations.format(timeout));
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Reads the files and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when settings conflict or a file cannot be read or parsed,
         *                                  naming the file
         */
        public TlsOptions build() {
            if (trustPem != null && trustStore != null) {
                throw new IllegalArgumentException("tls: give trustPem or trustStore, not both");
            }
            if (certPem != null && keyStore != null) {
                throw new IllegalArgumentException("tls: give clientPem or clientKeyStore, not both");
            }
            boolean material = trustPem != null || trustStore != null || certPem != null || keyStore != null;
            if (context != null && (material || trustAll)) {
                throw new IllegalArgumentException("tls: sslContext cannot be combined with trust or key files");
            }
            if (trustAll && (trustPem != null || trustStore != null)) {
                throw new IllegalArgumentException("tls: trustAllCertificatesInsecurely makes the trusted CA "
                    + "pointless; give one or the other");
            }
            SSLContext ctx = context != null ? context : makeContext();
            return new TlsOptions(ctx, this, describe());
        }

        private String describe() {
            StringBuilder d = new StringBuilder();
            d.append(context != null ? "custom SSL context"
                : trustAll ? "trusting ANY certificate"
                : trustPem != null ? "trusting CAs in " + trustPem
                : trustStore != null ? "trusting " + trustStore : "trusting the JDK's CAs");
            if (certPem != null) {
                d.append(", client certificate ").append(certPem);
            } else if (keyStore != null) {
                d.append(", client key store ").append(keyStore);
            }
            if (!verifyHostname && !trustAll) {
                d.append(", host names NOT verified");
            }
            return d.toString();
        }

        private SSLContext makeContext() {
            try {
                TrustManager[] trust;
                if (trustAll) {
                    trust = new TrustManager[] {Pem.trustAll()};
                } else if (trustPem != null || trustStore != null) {
                    KeyStore ks = trustPem != null ? Pem.trustStore(trustPem)
                        : Pem.loadStore(trustStore, trustStorePassword, "trust store");
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ks);
                    trust = tmf.getTrustManagers();
                } else {
                    trust = null;
                }
                KeyManager[] keys = null;
                if (certPem != null || keyStore != null) {
                    char[] pass = keyStore != null ? keyStorePassword : Pem.EPHEMERAL_PASSWORD;
                    KeyStore ks = keyStore != null ? Pem.loadStore(keyStore, keyStorePassword, "client key store")
                        : Pem.keyStore(certPem, keyPem);
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(ks, pass);
                    keys = kmf.getKeyManagers();
                }
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(keys, trust, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("tls: cannot set up TLS: " + e.getMessage(), e);
            }
        }
    }
}
