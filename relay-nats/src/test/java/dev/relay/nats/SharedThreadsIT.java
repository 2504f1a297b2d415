package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The threads connections share: handlers on an executor of the application's, and a way to end them all. */
@NatsTest
@NatsServerOptions(jetStream = false)
class SharedThreadsIT {

    @Test
    void handlersRunOnTheApplicationsExecutorWhenGivenOne(NatsServer server) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService app = Executors.newFixedThreadPool(2, r -> new Thread(r, "app-handler-" + n.incrementAndGet()));
        try (Connection nc = Nats.connect(Clients.options(server).dispatchExecutor(app).build())) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            nc.subscribe("exec", m -> thread.complete(Thread.currentThread().getName()));
            nc.flush(WAIT);
            nc.publish("exec", "x");
            assertThat(thread.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("app-handler-");
        } finally {
            app.shutdownNow();
        }
    }

    @Test
    void shutdownIsRefusedWhileAConnectionIsOpenThenEndsTheSharedThreads(NatsServer server) {
        Connection nc = Clients.connect(server);
        nc.subscribe("t", m -> { });
        nc.publish("t", "x");
        nc.flush(WAIT);
        assertThatThrownBy(Nats::shutdown).isInstanceOf(IllegalStateException.class).hasMessageContaining("still open");
        nc.close();
        try {
            Nats.shutdown();
        } catch (IllegalStateException others) {
            Assumptions.abort("another test class left a connection open: " + others.getMessage());
        }
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.isAlive() && SHARED.matcher(t.getName()).matches()));
        try (Connection again = Clients.connect(server)) {
            again.flush(WAIT);
        }
    }

    /** The threads {@link Nats#shutdown()} ends; the signing and request-many timer threads end when idle. */
    private static final java.util.regex.Pattern SHARED =
        java.util.regex.Pattern.compile("relay-nats-(io|dispatch)-\\d+|relay-nats-(timer|events)");
}
