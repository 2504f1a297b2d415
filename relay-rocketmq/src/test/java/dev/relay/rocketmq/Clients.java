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

    /**
     * Waits until a queue's consume queue has {@code count} entries: the broker answers a send once the
     * commit log has it and builds the consume queue (what offsets and pulls read) a moment later.
     */
    static void awaitStored(Admin admin, MessageQueue queue, long count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> admin.maxOffset(queue) >= count);
    }

    /** Waits until a topic's queues hold {@code count} messages in all. */
    static void awaitStored(Admin admin, String topic, long count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
            admin.readQueues(topic).stream().mapToLong(admin::maxOffset).sum() >= count);
    }

    /** A name no other test uses in this run. */
    static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }
}
