package dev.relay.rocketmq;

import dev.relay.rocketmq.testing.RocketMqServer;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers the integration tests share: options for a server, unique topic and group names. */
final class Clients {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Clients() {
    }

    /** Options for the server's mode: credentials for ACL, the CA for TLS. */
    static ClientOptions.Builder options(RocketMqServer server) {
        ClientOptions.Builder b = ClientOptions.builder().nameServers(server.nameServer());
        switch (server.mode()) {
            case ACL -> b.credentials(RocketMqServer.ACL_USER, RocketMqServer.ACL_PASSWORD);
            case TLS -> b.tlsTrustCertificate(server.caCertificate());
            default -> { }
        }
        return b;
    }

    /** A name no other test uses in this run. */
    static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }
}
