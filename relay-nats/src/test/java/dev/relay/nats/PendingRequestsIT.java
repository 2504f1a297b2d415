package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests pending while the server restarts: by default they keep waiting, until their own timeout,
 * for a reply that may come after the reconnect; with {@code failRequestsOnDisconnect} they fail at
 * once with a retriable {@link ConnectionException}.
 */
@NatsTest
@NatsServerOptions(jetStream = false, perMethod = true)
class PendingRequestsIT {
    /** Far longer than the test takes: a request failing or finishing is never its timeout. */
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aPendingRequestGetsAReplySentAfterTheReconnect(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        CompletableFuture<Message> held = new CompletableFuture<>();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url()).connectionListener(recorder).build())) {
            nc.subscribe("pending.held", held::complete);
            nc.subscribe("pending.echo", m -> m.respond("echo " + m.dataAsString()));
            nc.flush(WAIT);
            CompletableFuture<Message> inFlight = nc.requestAsync("pending.held", null, bytes("first"), LONG);
            Message request = held.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            server.kill();
            recorder.await(ConnectionEvent.Type.DISCONNECTED);
            // sent from the reconnect buffer, to the responder restored on the new server process
            CompletableFuture<Message> buffered = nc.requestAsync("pending.echo", null, bytes("second"), LONG);
            server.restart();
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);

            assertThat(buffered.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("echo second");
            assertThat(inFlight).isNotDone();
            request.respond("late answer");
            assertThat(inFlight.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("late answer");
        }
    }

    @Test
    void failRequestsOnDisconnectFailsThemAtOnceAndRetriably(NatsServer server) throws Exception {
        Recorder recorder = new Recorder();
        CompletableFuture<Message> held = new CompletableFuture<>();
        try (Connection nc = Nats.connect(Clients.fastReconnect(server.url())
                .reconnect(r -> r.failRequestsOnDisconnect(true)).connectionListener(recorder).build())) {
            nc.subscribe("pending.held", held::complete);
            nc.subscribe("pending.echo", m -> m.respond("echo " + m.dataAsString()));
            nc.flush(WAIT);
            CompletableFuture<Message> inFlight = nc.requestAsync("pending.held", null, bytes("first"), LONG);
            held.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            server.kill();
            ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                () -> inFlight.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(failed).as("the request did not fail within " + WAIT).isNotNull();
            assertThat(failed.getCause()).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("disconnected from " + server.url());
            assertThat(((NatsException) failed.getCause()).isRetriable()).isTrue();

            server.restart();
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            assertThat(nc.request("pending.echo", "again", WAIT).dataAsString()).isEqualTo("echo again");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
