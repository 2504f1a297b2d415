package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Integration tests of {@link NatsServerExtension}'s injection with one server per class. */
@NatsTest
class NatsServerExtensionIT {

    private static NatsServer fromBeforeAll;
    private final NatsServer fromConstructor;
    private NatsServer fromBeforeEach;

    NatsServerExtensionIT(NatsServer server) {
        this.fromConstructor = server;
    }

    @BeforeAll
    static void beforeAll(NatsServer server) {
        fromBeforeAll = server;
    }

    @BeforeEach
    void beforeEach(NatsServer server) {
        fromBeforeEach = server;
    }

    @AfterAll
    static void sharedServerStillRunsUntilAfterAllCallbacks() {
        assertThat(fromBeforeAll.isRunning()).isTrue();
    }

    @Test
    void injectsOneRunningServerPerClass(NatsServer server) {
        assertThat(server).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
        assertThat(server.isRunning()).isTrue();
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).contains("\"jetstream\":true");
        }
    }

    @Test
    void secondTestSeesTheSameServer(NatsServer server) {
        assertThat(server).isSameAs(fromBeforeAll);
    }

    @Test
    @NatsServerOptions(jetStream = false, extraConfig = "max_payload: 4096")
    void methodOptionsGiveTheMethodItsOwnServer(NatsServer server) {
        assertThat(server).isNotSameAs(fromBeforeAll).isSameAs(fromBeforeEach).isSameAs(fromConstructor);
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).doesNotContain("\"jetstream\":true").contains("\"max_payload\":4096");
        }
    }

    @Test
    void runsTheBuildsPinnedCurrentServerByDefault(NatsServer server) {
        String current = System.getProperty(NatsServerBinary.CURRENT_PROPERTY);
        assumeTrue(current != null && NatsServerBinary.Places.ofThisProcess().explicit() == null,
                "the build names the current server and RELAY_NATS_SERVER does not override it");
        assertThat(server.binary()).isEqualTo(Path.of(current));
        assertThat(server.version()).isEqualTo(NatsServerBinary.version(Path.of(current))).doesNotStartWith("2.9.");
    }

    @Test
    @NatsServerOptions(version = "2.9")
    void aVersionOptionRunsDebiansServerBesideTheCurrentOne(NatsServer server) {
        assertThat(server).isNotSameAs(fromBeforeAll);
        assertThat(server.version()).startsWith("2.9.");
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.info()).contains("\"version\":\"2.9.");
        }
    }

    /** A {@code @Nested} class gets its own server, configured by its own options. */
    @Nested
    @NatsServerOptions(jetStream = false)
    class NestedClass {

        @Test
        void hasItsOwnServer(NatsServer server) {
            assertThat(server).isNotSameAs(fromBeforeAll);
            try (RawClient client = RawClient.connect(server.port())) {
                assertThat(client.info()).doesNotContain("\"jetstream\":true");
            }
        }
    }
}
