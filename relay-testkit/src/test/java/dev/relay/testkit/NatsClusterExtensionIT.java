package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integration tests of {@link NatsClusterExtension}: one cluster per class configured by
 * {@link NatsClusterOptions} alone, a method's own cluster, and a server and a cluster side by side.
 */
@NatsTest
@NatsClusterTest
@NatsClusterOptions(nodes = 2)
class NatsClusterExtensionIT {

    private static NatsCluster fromBeforeAll;
    private final NatsCluster fromConstructor;

    NatsClusterExtensionIT(NatsCluster cluster) {
        this.fromConstructor = cluster;
    }

    @BeforeAll
    static void beforeAll(NatsCluster cluster) {
        fromBeforeAll = cluster;
    }

    @AfterAll
    static void sharedClusterStillRunsUntilAfterAllCallbacks() {
        assertThat(fromBeforeAll.nodes()).allMatch(NatsServer::isRunning);
    }

    @Test
    void injectsOneFormedClusterPerClass(NatsCluster cluster) {
        assertThat(cluster).isSameAs(fromBeforeAll).isSameAs(fromConstructor);
        assertThat(cluster.size()).isEqualTo(2);
        try (RawClient client = RawClient.connect(cluster.node(1).port())) {
            assertThat(JsonFields.stringArrays(client.info(), "connect_urls")).hasSize(2);
        }
    }

    @Test
    void resolvesAServerAndAClusterTogether(NatsServer server, NatsCluster cluster) {
        assertThat(cluster).isSameAs(fromBeforeAll);
        assertThat(cluster.urls()).doesNotContain(server.url());
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).doesNotContain("connect_urls");
        }
    }

    @Test
    @NatsClusterOptions(nodes = 3, extraConfig = "max_payload: 4096")
    void methodOptionsGiveTheMethodItsOwnCluster(NatsCluster cluster) {
        assertThat(cluster).isNotSameAs(fromBeforeAll).isSameAs(fromConstructor);
        assertThat(cluster.size()).isEqualTo(3);
        try (RawClient client = RawClient.connect(cluster.node(2).port())) {
            assertThat(client.info()).contains("\"max_payload\":4096");
        }
    }
}
