package dev.relay.nats.internal.connection;

import dev.relay.nats.Options;
import dev.relay.nats.TlsException;
import dev.relay.nats.TlsException.Reason;
import dev.relay.nats.TlsOptions;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.URI;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The TLS decisions of a connection attempt: whether a server is reached over TLS, the engine for it,
 * and what a TLS failure means in words a user can act on. Stateless.
 */
final class TlsUpgrade {

    private TlsUpgrade() {
    }

    /**
     * The TLS settings for a server: the options' own, or the defaults for a {@code tls://} URL.
     *
     * @return the settings, or null for plain TCP
     */
    static TlsOptions settingsFor(Options options, URI uri) {
        if (options.tls().isPresent()) {
            return options.tls().get();
        }
        return "tls".equalsIgnoreCase(uri.getScheme()) ? TlsOptions.defaults() : null;
    }

    /**
     * A client engine for the server, checking its host name unless the settings turned that off. The
     * name sent (SNI) and checked is {@link ServerPool#tlsName(URI)}: for a server discovered by address,
     * the host name the connection was given, since certificates name hosts.
     */
    static SSLEngine engine(TlsOptions tls, URI uri) {
        SSLEngine engine = tls.sslContext().createSSLEngine(ServerPool.tlsName(uri), uri.getPort());
        engine.setUseClientMode(true);
        if (tls.verifyHostname()) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        return engine;
    }

    /**
     * Says what a TLS failure means, naming the server.
     *
     * @param url the server
     * @param cause what the TLS layer threw
     * @param first whether TLS was started before the server's INFO
     * @return the exception to report, or null when the failure is not a TLS one
     */
    static TlsException explain(String url, Throwable cause, boolean first) {
        if (find(cause, NotSslRecordException.class) != null) {
            return first
                ? new TlsException(Reason.HANDSHAKE_FIRST_UNSUPPORTED, "server " + url + " answered the TLS "
                    + "handshake in plain text: it does not support TLS handshake first (needs nats-server "
                    + "2.10.4 or later with 'handshake_first' in its tls block); turn handshakeFirst off", cause)
                : new TlsException(Reason.OTHER, "server " + url + " answered in plain text after TLS started",
                    cause);
        }
        SSLException ssl = find(cause, SSLException.class);
        if (ssl == null) {
            return null;
        }
        String m = String.valueOf(ssl.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        String tls = "TLS with " + url + " failed: ";
        CertificateExpiredException expired = find(cause, CertificateExpiredException.class);
        if (expired != null || lower.contains("certificateexpired")) {
            return new TlsException(Reason.CERTIFICATE_EXPIRED, tls + "the server certificate has expired ("
                + (expired != null ? expired.getMessage() : m) + ")", cause);
        }
        if (find(cause, CertificateNotYetValidException.class) != null) {
            return new TlsException(Reason.CERTIFICATE_EXPIRED, tls + "the server certificate is not valid yet "
                + "(check the clocks)", cause);
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return new TlsException(Reason.HOSTNAME_MISMATCH, tls + "hostname verification failed: the server "
                + "certificate does not name the host in the URL (" + m + "); connect by a name it carries",
                cause);
        }
        if (find(cause, CertPathValidatorException.class) != null
            || lower.contains("unable to find valid certification") || lower.contains("pkix path")) {
            return new TlsException(Reason.UNKNOWN_CA, tls + "the server certificate is signed by an unknown CA "
                + "(not trusted by this client); give its CA with TlsOptions.trustPem or --tlsca", cause);
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
            || lower.contains("certificate required") || lower.contains("bad certificate")) {
            return new TlsException(Reason.CLIENT_CERTIFICATE_REQUIRED, tls + "the server requires a client "
                + "certificate (mutual TLS) and refused this connection's (" + m + "); give one with "
                + "TlsOptions.clientPem or --tlscert/--tlskey", cause);
        }
        if (lower.contains("unknown_ca") || lower.contains("unknown ca")) {
            return new TlsException(Reason.CLIENT_CERTIFICATE_REQUIRED, tls + "the server does not trust the CA "
                + "of this client's certificate (" + m + ")", cause);
        }
        return new TlsException(Reason.OTHER, tls + m, cause);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }
}
