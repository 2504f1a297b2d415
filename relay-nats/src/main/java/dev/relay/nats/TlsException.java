package dev.relay.nats;

/**
 * TLS could not be set up with a server; {@link #reason()} says why in a form code can switch on, the
 * message says it for people, naming the server. Retriable only when the cause may pass (a timeout):
 * a certificate problem stays until someone changes the configuration.
 */
public class TlsException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** Why TLS failed. */
    public enum Reason {
        /** The server certificate is signed by a CA this client does not trust. */
        UNKNOWN_CA,
        /** The server certificate has expired or is not valid yet. */
        CERTIFICATE_EXPIRED,
        /** The server certificate does not name the host in the URL. */
        HOSTNAME_MISMATCH,
        /** The server wants a client certificate (mutual TLS) and got none it accepts. */
        CLIENT_CERTIFICATE_REQUIRED,
        /** The handshake did not finish in time. */
        HANDSHAKE_TIMEOUT,
        /** The server requires TLS, and none is configured for the connection. */
        TLS_REQUIRED_BY_SERVER,
        /** TLS is configured, and the server does not offer it. */
        TLS_NOT_OFFERED,
        /** TLS was started before INFO, and the server does not support that. */
        HANDSHAKE_FIRST_UNSUPPORTED,
        /** Any other TLS failure; the message and cause tell more. */
        OTHER
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why TLS failed
     * @param message what went wrong, for people
     * @param cause the underlying failure, or null
     */
    public TlsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** @return why TLS failed */
    public Reason reason() {
        return reason;
    }

    @Override
    public boolean isRetriable() {
        return reason == Reason.HANDSHAKE_TIMEOUT;
    }
}
