package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Request timeouts keep working after a storm of requests whose replies race their deadlines on the I/O
 * thread. The sweep this replaced could die for good in that race, after which no timeout ever fired.
 */
@NatsTest
class RequestStormIT {
    private static final int THREADS = 2;
    private static final int PER_THREAD = 60_000;

    @Test
    void timeoutsStillFireAfterAMultiThreadRequestStorm(NatsServer server) throws Exception {
        try (Connection responder = Clients.connect(server); Connection nc = Clients.connect(server)) {
            responder.subscribe("storm.echo", m -> m.respond(m.data()));
            responder.flush(WAIT);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    runs.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < PER_THREAD; i++) {
                            // sequential requests empty the deadline set again and again, just as
                            // the timer looks at it: the moment the old sweep died in
                            nc.request("storm.echo", new byte[] {1}, WAIT);
                            ok++;
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> r : runs) {
                    assertThat(r.get(5, TimeUnit.MINUTES)).isEqualTo(PER_THREAD);
                }
            } finally {
                pool.shutdownNow();
            }

            CompletableFuture<Message> silent = nc.requestAsync("storm.nobody.listens", null, new byte[0],
                Duration.ofMillis(100));
            responder.subscribe("storm.nobody.listens", m -> { });
            responder.flush(WAIT);
            CompletableFuture<Message> silentToo = nc.requestAsync("storm.nobody.listens", null, new byte[0],
                Duration.ofMillis(100));
            assertThatThrownBy(() -> silentToo.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(NatsTimeoutException.class)
                .hasMessageContaining("within 100ms");
            assertThatThrownBy(() -> silent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(NatsException.class);
        }
    }
}
