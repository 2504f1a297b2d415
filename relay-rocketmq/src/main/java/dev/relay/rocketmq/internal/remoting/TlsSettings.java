package dev.relay.rocketmq.internal.remoting;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the client's Netty TLS context from the public options. Stateless, thread-safe. */
final class TlsSettings {
    private TlsSettings() {
    }

    /**
     * @param trustCertificate PEM CA file or {@code null} for the JDK trust store
     * @param trustAll whether to accept any certificate
     * @return the context
     */
    static SslContext context(Path trustCertificate, boolean trustAll) {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (trustAll) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (trustCertificate != null) {
            b.trustManager(trustCertificate.toFile());
        }
        // Verify the host name against the certificate too (not when trusting everything).
        b.endpointIdentificationAlgorithm(trustAll ? null : "HTTPS");
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS context: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the TLS CA file " + trustCertificate + ": " + e.getMessage(), e);
        }
    }
}
