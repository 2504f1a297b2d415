package dev.relay.nats.jetstream;

import dev.relay.nats.NatsException;

/**
 * A setting that the connected server does not support: either refused before anything was sent,
 * because the server's version is older than the one that introduced the field, or found after an add or
 * update, because the configuration the server stored lacks or changed a field that was sent (the server
 * ignored it). Not retriable against the same server.
 */
public class JetStreamUnsupportedException extends NatsException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String requiredVersion;
    private final String serverVersion;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     * @param field the JSON name of the unsupported field
     * @param requiredVersion the first server version that supports it, or "" when unknown
     * @param serverVersion the version of the connected server
     */
    public JetStreamUnsupportedException(String message, String field, String requiredVersion, String serverVersion) {
        super(message);
        this.field = field;
        this.requiredVersion = requiredVersion;
        this.serverVersion = serverVersion;
    }

    /**
     * The JSON name of the field the server does not support, e.g. {@code filter_subjects}.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }

    /**
     * The first server version that supports the field.
     *
     * @return a version such as {@code 2.10.0}, or "" when the server dropped the field unexpectedly
     */
    public String requiredVersion() {
        return requiredVersion;
    }

    /**
     * The version of the connected server.
     *
     * @return the version from the server's INFO
     */
    public String serverVersion() {
        return serverVersion;
    }
}
