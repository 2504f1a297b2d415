package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs sample test classes in-process through the JUnit launcher to check what the extension does
 * when a test fails or passes: log copied to {@code target/nats-server-logs}, temp files deleted.
 * The samples are static nested classes, which Maven's default excludes never run on their own, and
 * they abort unless {@link #armed} is set.
 */
class NatsServerExtensionFailureIT {

    private static volatile boolean armed;

    @BeforeEach
    void arm() throws IOException {
        deleteSampleLogs();
        armed = true;
    }

    /** The samples fail on purpose; their logs must not look like real failures in target/. */
    @AfterEach
    void disarm() throws IOException {
        armed = false;
        deleteSampleLogs();
    }

    private static void deleteSampleLogs() throws IOException {
        for (String name : new String[] {"SharedServerSample-fails", "SharedServerSample-passes", "PerMethodSample-fails"}) {
            Files.deleteIfExists(FailureLogs.target(name));
        }
    }

    @Test
    void failedTestOfASharedServerCopiesItsLog() {
        TestExecutionSummary summary = run(SharedServerSample.class);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        Path copied = Path.of("target", "nats-server-logs", "SharedServerSample-fails.log");
        assertThat(copied).content().contains("Server is ready");
        assertThat(FailureLogs.target("SharedServerSample-passes")).doesNotExist();
        assertThat(SharedServerSample.server.isRunning()).isFalse();
        assertThat(SharedServerSample.server.workDir()).doesNotExist();
    }

    @Test
    void failedTestOfAPerMethodServerCopiesItsLogAndDeletesTempFiles() {
        TestExecutionSummary summary = run(PerMethodSample.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(FailureLogs.target("PerMethodSample-fails")).content()
                .contains("Server is ready").contains("Server Exiting");
        assertThat(PerMethodSample.server.workDir()).doesNotExist();
    }

    @Test
    void perMethodServerCannotBeInjectedIntoBeforeAll() {
        TestExecutionSummary summary = run(PerMethodBeforeAllSample.class);
        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("per-method NatsServer cannot be injected");
    }

    private static TestExecutionSummary run(Class<?> sample) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample)).build(), listener);
        return listener.getSummary();
    }

    /** One shared server; one test passes, one fails. */
    @NatsTest
    static class SharedServerSample {
        static NatsServer server;

        @BeforeAll
        static void onlyWhenArmed(NatsServer injected) {
            Assumptions.assumeTrue(armed, "run only by NatsServerExtensionFailureIT");
            server = injected;
        }

        @Test
        void passes(NatsServer injected) {
            assertThat(injected.isRunning()).isTrue();
        }

        @Test
        void fails(NatsServer injected) {
            fail("deliberate failure to check the log copy");
        }
    }

    /** A per-method server whose test fails. */
    @NatsTest
    @NatsServerOptions(perMethod = true)
    static class PerMethodSample {
        static NatsServer server;

        @Test
        void fails(NatsServer injected) {
            Assumptions.assumeTrue(armed, "run only by NatsServerExtensionFailureIT");
            server = injected;
            fail("deliberate failure to check the log copy");
        }
    }

    /** Misuse: per-method servers do not exist in {@code @BeforeAll}. */
    @NatsTest
    @NatsServerOptions(perMethod = true)
    static class PerMethodBeforeAllSample {

        @BeforeAll
        static void beforeAll(NatsServer injected) {
            // never reached: resolution fails
        }

        @Test
        void test() {
            Assumptions.assumeTrue(armed, "run only by NatsServerExtensionFailureIT");
        }
    }
}
