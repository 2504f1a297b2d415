package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a sample test class in-process to check that {@link NatsClusterExtension} copies every
 * node's log to {@code target/nats-server-logs} when a test fails, and deletes the temporary files.
 * The sample is a static nested class, which Maven never runs on its own, and aborts unless armed.
 */
class NatsClusterExtensionFailureIT {

    private static volatile boolean armed;

    @BeforeEach
    void arm() throws IOException {
        deleteSampleLogs();
        armed = true;
    }

    /** The sample fails on purpose; its logs must not look like real failures in target/. */
    @AfterEach
    void disarm() throws IOException {
        armed = false;
        deleteSampleLogs();
    }

    private static void deleteSampleLogs() throws IOException {
        for (int i = 0; i < 2; i++) {
            Files.deleteIfExists(FailureLogs.target("PerMethodClusterSample-fails-node" + i));
        }
    }

    @Test
    void failedTestCopiesEveryNodeLogAndDeletesTempFiles() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(PerMethodClusterSample.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        for (int i = 0; i < 2; i++) {
            assertThat(FailureLogs.target("PerMethodClusterSample-fails-node" + i)).content()
                    .contains("Route connection created").contains("Server Exiting");
        }
        assertThat(PerMethodClusterSample.cluster.nodes()).allSatisfy(node -> {
            assertThat(node.isRunning()).isFalse();
            assertThat(node.workDir()).doesNotExist();
        });
    }

    /** A per-method two-node cluster whose test fails. */
    @NatsClusterOptions(nodes = 2, perMethod = true)
    static class PerMethodClusterSample {
        static NatsCluster cluster;

        @Test
        void fails(NatsCluster injected) {
            Assumptions.assumeTrue(armed, "run only by NatsClusterExtensionFailureIT");
            cluster = injected;
            fail("deliberate failure to check the log copy");
        }
    }
}
