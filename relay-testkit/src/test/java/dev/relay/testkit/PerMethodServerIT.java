package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Integration tests of {@code @NatsServerOptions(perMethod = true)}: a fresh server per test method. */
@NatsTest
@NatsServerOptions(perMethod = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerMethodServerIT {

    private static final List<NatsServer> SEEN = new CopyOnWriteArrayList<>();

    private final NatsServer fromConstructor;

    PerMethodServerIT(NatsServer server) {
        this.fromConstructor = server;
    }

    @Test
    @Order(1)
    void firstTestCrashesItsServer(NatsServer server) {
        SEEN.add(server);
        assertThat(server).isSameAs(fromConstructor);
        server.kill();
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    @Order(2)
    void secondTestGetsAFreshServer(NatsServer server) {
        SEEN.add(server);
        assertThat(server).isSameAs(fromConstructor).isNotSameAs(SEEN.get(0));
        assertThat(server.isRunning()).isTrue();
        try (RawClient client = RawClient.connect(server.port())) {
            client.handshake();
        }
    }

    @AfterAll
    static void everyServerWasClosedAfterItsMethod() {
        assertThat(SEEN).hasSize(2);
        for (NatsServer server : SEEN) {
            assertThat(server.isRunning()).isFalse();
            assertThat(server.workDir()).doesNotExist();
        }
    }
}
