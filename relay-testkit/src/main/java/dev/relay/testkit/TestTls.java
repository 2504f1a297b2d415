package dev.relay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Test-only TLS material and the nats-server {@code tls} blocks that use it. The certificates come from
 * {@code relay-testkit/tls/generate.sh}: a test CA, server certificates for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1} (one valid for 100 years, one expired in 2020), one that names only the
 * host name {@code localhost} (no IP address), one for an unrelated name, an unrelated second CA, and a client certificate as PEM and PKCS#12. Nothing here protects
 * anything; the keys are public. Files are copied to a temporary folder on first use. Thread-safe.
 *
 * <pre>{@code
 * NatsServerConfig cfg = NatsServerConfig.builder().extraConfig(TestTls.serverBlock(TestTls.Cert.VALID, true)).build();
 * }</pre>
 */
public final class TestTls {
    /** Password of {@link #clientP12()} and {@link #trustStoreP12()}. */
    public static final String PASSWORD = "relay-test";

    private static final List<String> FILES = List.of("ca.pem", "other-ca.pem", "server.pem", "server-key.pem",
        "server-hostname.pem", "server-hostname-key.pem", "server-other.pem", "server-other-key.pem",
        "server-expired.pem", "server-expired-key.pem", "client.pem", "client-key.pem", "client.p12", "truststore.p12");
    private static Path dir;

    /** Which server certificate a server shows. */
    public enum Cert {
        /** Valid, signed by the test CA, for localhost, 127.0.0.1 and ::1. */
        VALID("server"),
        /**
         * Valid, signed by the test CA, for the host name {@code localhost} only: no IP address, as the
         * certificates of real servers name hosts. Reached as {@code 127.0.0.1}, it fails hostname
         * verification.
         */
        HOSTNAME_ONLY("server-hostname"),
        /** Signed by the test CA, for localhost and 127.0.0.1, expired in February 2020. */
        EXPIRED("server-expired"),
        /** Valid, signed by the test CA, for {@code nats.example.invalid} only. */
        OTHER_NAME("server-other");

        private final String base;

        Cert(String base) {
            this.base = base;
        }
    }

    private TestTls() {
    }

    /** @return the folder holding the files, created on first use */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("relay-tls-material");
                for (String f : FILES) {
                    try (InputStream in = TestTls.class.getResourceAsStream("tls/" + f)) {
                        if (in == null) {
                            throw new IllegalStateException("test TLS resource tls/" + f + " is missing");
                        }
                        Files.copy(in, d.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                    d.resolve(f).toFile().deleteOnExit();
                }
                d.toFile().deleteOnExit();
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test TLS files", e);
            }
        }
        return dir;
    }

    /** @return the test CA certificate (PEM) */
    public static Path caPem() {
        return dir().resolve("ca.pem");
    }

    /** @return a CA that signed none of the test certificates (PEM) */
    public static Path otherCaPem() {
        return dir().resolve("other-ca.pem");
    }

    /** @return a key store (PKCS#12, {@link #PASSWORD}) trusting the test CA */
    public static Path trustStoreP12() {
        return dir().resolve("truststore.p12");
    }

    /** @return the client certificate, signed by the test CA (PEM) */
    public static Path clientCertPem() {
        return dir().resolve("client.pem");
    }

    /** @return the client's private key (PKCS#8 PEM) */
    public static Path clientKeyPem() {
        return dir().resolve("client-key.pem");
    }

    /** @return the client key and certificate as PKCS#12 ({@link #PASSWORD}) */
    public static Path clientP12() {
        return dir().resolve("client.p12");
    }

    /**
     * @param cert which certificate
     * @return the server certificate file (PEM)
     */
    public static Path serverCertPem(Cert cert) {
        return dir().resolve(cert.base + ".pem");
    }

    /**
     * @param cert which certificate
     * @return the server key file (PKCS#8 PEM)
     */
    public static Path serverKeyPem(Cert cert) {
        return dir().resolve(cert.base + "-key.pem");
    }

    /**
     * A nats-server {@code tls} block for {@link NatsServerConfig.Builder#extraConfig}.
     *
     * @param cert the certificate the server shows
     * @param verifyClients whether clients must show a certificate signed by the test CA (mutual TLS)
     * @return config text
     */
    public static String serverBlock(Cert cert, boolean verifyClients) {
        return "tls {\n"
            + "  cert_file: \"" + serverCertPem(cert) + "\"\n"
            + "  key_file: \"" + serverKeyPem(cert) + "\"\n"
            + "  ca_file: \"" + caPem() + "\"\n"
            + "  verify: " + verifyClients + "\n"
            + "  timeout: 2\n"
            + "}\n";
    }
}
