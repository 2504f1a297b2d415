package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.ClusterProbe.NodeView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ClusterProbe#missing}: when a cluster counts as formed, without any server. */
class ClusterProbeTest {

    private static NodeView up(int i, Set<String> remotes, String leader) {
        return new NodeView(i, "n" + i, true, "id" + i, remotes, leader, null);
    }

    private static NodeView down(int i) {
        return new NodeView(i, "n" + i, false, null, Set.of(), null, null);
    }

    @Test
    void formedWhenEveryRunningNodeRoutesToEveryOther() {
        List<NodeView> views = List.of(up(0, Set.of("id1", "id2"), null), up(1, Set.of("id0", "id2"), null),
                up(2, Set.of("id0", "id1"), null));
        assertThat(ClusterProbe.missing(views, false, 3)).isEmpty();
    }

    @Test
    void aMissingRouteIsNamed() {
        List<NodeView> views = List.of(up(0, Set.of("id1"), null), up(1, Set.of("id0", "id2"), null),
                up(2, Set.of("id1"), null));
        assertThat(ClusterProbe.missing(views, false, 3)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("node 0 has no route to node(s) [2]").contains("node 2 has no route to node(s) [0]"));
    }

    @Test
    void stoppedNodesAreIgnoredAndStaleRoutesToThemDoNotMatter() {
        List<NodeView> views = List.of(up(0, Set.of("id1", "old2"), null), up(1, Set.of("id0"), null), down(2));
        assertThat(ClusterProbe.missing(views, false, 3)).isEmpty();
        assertThat(ClusterProbe.missing(List.of(down(0), down(1)), false, 2)).isEmpty();
    }

    @Test
    void anUnansweredMonitoringPortKeepsTheClusterUnformed() {
        NodeView silent = new NodeView(1, "n1", true, null, Set.of(), null, "java.net.ConnectException");
        List<NodeView> views = List.of(up(0, Set.of("id1"), null), silent);
        assertThat(ClusterProbe.missing(views, false, 2)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("node 1 monitoring: java.net.ConnectException").contains("node 0 has no route"));
    }

    @Test
    void jetStreamNeedsARunningMetaLeaderOnlyWithAMajority() {
        List<NodeView> staleLeader = List.of(up(0, Set.of("id1"), "n2"), up(1, Set.of("id0"), "n2"), down(2));
        assertThat(ClusterProbe.missing(staleLeader, true, 3)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("node 0 reports JetStream meta leader 'n2', not a running node"));
        List<NodeView> elected = List.of(up(0, Set.of("id1"), "n1"), up(1, Set.of("id0"), "n1"), down(2));
        assertThat(ClusterProbe.missing(elected, true, 3)).isEmpty();
        List<NodeView> minority = List.of(up(0, Set.of(), null), down(1), down(2));
        assertThat(ClusterProbe.missing(minority, true, 3)).isEmpty();
    }
}
