package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ClusterLayout} and {@link NatsClusterConfig}: port picking and per-node config text. */
class ClusterLayoutTest {

    private final ClusterLayout layout = new ClusterLayout(List.of(6001, 6002, 6003), List.of(8001, 8002, 8003));

    @Test
    void clusterBlockRoutesToEveryOtherNodeButNotItself() {
        assertThat(layout.clusterBlock("relay-test", 1)).isEqualTo("""
                http: 127.0.0.1:8002
                cluster {
                  name: "relay-test"
                  listen: 127.0.0.1:6002
                  routes: [
                    nats-route://127.0.0.1:6001
                    nats-route://127.0.0.1:6003
                  ]
                }
                """);
    }

    @Test
    void nodeConfigNamesTheNodeAndAppendsUserConfigAfterTheClusterBlock() {
        NatsClusterConfig config = NatsClusterConfig.builder().name("east").jetStream(true).debug(true)
                .extraConfig("max_payload: 4096").keepLogsOnClose(true).build();
        NatsServerConfig node = layout.nodeConfig(config, 2);
        assertThat(node.name()).contains("east-2");
        assertThat(node.jetStream()).isTrue();
        assertThat(node.debug()).isTrue();
        assertThat(node.keepLogsOnClose()).isTrue();
        assertThat(node.port()).isZero();
        assertThat(node.extraConfig()).startsWith("http: 127.0.0.1:8003\ncluster {\n  name: \"east\"")
                .endsWith("]\n}\nmax_payload: 4096");
    }

    @Test
    void defaultsAreThreeNodesWithoutJetStream() {
        NatsClusterConfig config = NatsClusterConfig.defaults();
        assertThat(config.nodes()).isEqualTo(3);
        assertThat(config.name()).isEqualTo("relay-test");
        assertThat(config.jetStream()).isFalse();
        assertThat(layout.nodeConfig(config, 0).jetStream()).isFalse();
        assertThat(ClusterLayout.nodeName(config, 0)).isEqualTo("relay-test-0");
    }

    @Test
    void singleNodeHasAnEmptyRouteList() {
        ClusterLayout one = new ClusterLayout(List.of(6001), List.of(8001));
        assertThat(one.clusterBlock("solo", 0)).contains("  routes: [\n  ]\n");
    }

    @Test
    void pickedPortsAreDistinct() {
        ClusterLayout picked = ClusterLayout.pick(5);
        Set<Integer> all = new HashSet<>(picked.routePorts());
        all.addAll(picked.monitorPorts());
        assertThat(all).hasSize(10).allMatch(p -> p > 0 && p < 65_536);
        assertThat(picked.size()).isEqualTo(5);
    }

    @Test
    void invalidConfigIsRejectedNamingTheRule() {
        assertThatThrownBy(() -> NatsClusterConfig.builder().nodes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodes must be between 1 and 16");
        assertThatThrownBy(() -> NatsClusterConfig.builder().name("a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without whitespace");
        assertThatThrownBy(() -> NatsClusterConfig.builder().formTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("formTimeout must be positive");
        assertThatThrownBy(() -> new ClusterLayout(List.of(1, 2), List.of(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        NatsClusterConfig config = NatsClusterConfig.builder().nodes(5).name("x").jetStream(true)
                .extraConfig("a: 1").build();
        assertThat(config.toBuilder().build()).hasToString(config.toString());
    }
}
