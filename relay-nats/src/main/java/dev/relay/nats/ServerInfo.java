package dev.relay.nats;

import java.util.List;

/**
 * What a server says about itself in its INFO message. Fields a server version does not send hold
 * their zero value ({@code ""}, 0, false, empty list).
 *
 * @param serverId unique id of the server
 * @param serverName configured name of the server
 * @param version server version, e.g. {@code 2.9.10}
 * @param host host the server listens on
 * @param port port the server listens on
 * @param proto protocol level (1 supports async INFO)
 * @param maxPayload largest payload accepted, in bytes
 * @param headers whether the server supports headers
 * @param jetStream whether JetStream is enabled
 * @param authRequired whether the server requires credentials
 * @param tlsRequired whether the server requires TLS
 * @param tlsAvailable whether the server offers TLS without requiring it
 * @param clientId id the server gave this client
 * @param clientIp address the server sees this client at
 * @param nonce challenge to sign for NKey / JWT authentication
 * @param cluster name of the server's cluster
 * @param connectUrls other servers of the cluster that clients can use
 * @param lameDuckMode whether the server is about to shut down
 */
public record ServerInfo(
        String serverId,
        String serverName,
        String version,
        String host,
        int port,
        int proto,
        long maxPayload,
        boolean headers,
        boolean jetStream,
        boolean authRequired,
        boolean tlsRequired,
        boolean tlsAvailable,
        long clientId,
        String clientIp,
        String nonce,
        String cluster,
        List<String> connectUrls,
        boolean lameDuckMode) {
}
