package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Subscription;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code relay console} and {@code relay demo --console} end to end: start, serve the API, stop. */
@NatsTest
class ConsoleCommandIT {

    private static final Pattern OPEN = Pattern.compile("open +(http://127\\.0\\.0\\.1:\\d+/)#token=(\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void consoleServesTheApiOnTheGivenServerAndStopsAfterFor(NatsServer server) throws Exception {
        Cli.Running console = Cli.start("-s", server.url(), "console", "--port", "0", "--for", "5s");
        Matcher open = awaitOpen(console);
        URI base = URI.create(open.group(1));
        String token = open.group(2);

        JsonNode status = get(base.resolve("api/nats/status"), token);
        assertThat(status.path("state").asText()).isEqualTo("CONNECTED");
        assertThat(status.path("servers").get(0).asText()).isEqualTo(server.url());
        try (Connection nc = TestConnections.connect(server.url())) {
            Subscription sub = nc.subscribe("cli.console");
            nc.flush(Cli.WAIT);
            HttpResponse<String> published = http.send(HttpRequest.newBuilder(base.resolve("api/nats/publish"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"cli.console\",\"message\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(202);
            assertThat(sub.nextMessage(Cli.WAIT).dataAsString()).isEqualTo("hi");
        }
        assertThat(console.out().toString()).contains("token  " + token);

        Cli.Result result = console.result();
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void aPortInUseIsAUsageErrorThatSaysSo(NatsServer server) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run("-s", server.url(), "console", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("--port");
        }
    }

    @Test
    void aMonitorUrlThatIsNotHttpIsAUsageError(NatsServer server) {
        Cli.Result r = Cli.run("-s", server.url(), "console", "--monitor", "nats://127.0.0.1:4222");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("monitor URL must be http(s)");
    }

    @Test
    void demoConsoleServesTheConsoleOnTheDemosServerAfterTheTour() throws Exception {
        Cli.Running demo = Cli.start("demo", "--console", "--console-port", "0", "--for", "5s");
        Matcher open = awaitOpen(demo);

        JsonNode status = get(URI.create(open.group(1)).resolve("api/nats/status"), open.group(2));
        assertThat(status.path("state").asText()).isEqualTo("CONNECTED");
        assertThat(demo.out().toString()).contains("6/6  Connection statistics").contains("Web console");

        Cli.Result result = demo.result();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("The demo's nats-server is stopped.");
    }

    private static Matcher awaitOpen(Cli.Running running) {
        await().atMost(Cli.WAIT.multipliedBy(2)).until(() -> OPEN.matcher(running.out().toString()).find()
                || running.exit().isDone());
        Matcher m = OPEN.matcher(running.out().toString());
        assertThat(m.find()).as("the command prints the URL to open; it printed: %s / %s", running.out(),
                running.err()).isTrue();
        return m;
    }

    private JsonNode get(URI uri, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
