package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.service.Endpoint;
import dev.relay.nats.service.Service;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code relay svc …} and {@code relay req --replies/--wait} end to end against a real nats-server. */
@NatsTest
class SvcCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Service calc(Connection nc, String version) {
        return Service.builder(nc).name("clicalc").version(version).description("adds")
                .metadata(Map.of("zone", "a"))
                .endpoint(Endpoint.builder("add").subject("clicalc.add").handler(req -> {
                    if (req.data().length == 0) {
                        req.respondError(400, "nothing to add");
                    } else {
                        req.respond("3");
                    }
                }).build())
                .start();
    }

    @Test
    void lsInfoStatsAndPingShowEveryInstance(NatsServer server) throws Exception {
        try (Connection a = TestConnections.connect(server.url()); Connection b = TestConnections.connect(server.url())) {
            Service one = calc(a, "1.0.0");
            Service two = calc(b, "1.1.0");
            a.request("clicalc.add", "", Cli.WAIT);

            Cli.Result ls = Cli.run("-s", server.url(), "svc", "ls", "--wait", "500ms");
            assertThat(ls.exitCode()).isZero();
            assertThat(ls.out().lines().toList()).hasSize(3).first().asString()
                    .startsWith("NAME").contains("VERSION", "ID", "ENDPOINTS", "DESCRIPTION");
            assertThat(ls.out()).contains(one.id(), two.id(), "1.0.0", "1.1.0", "adds");

            Cli.Result info = Cli.run("-s", server.url(), "svc", "info", "clicalc", one.id());
            assertThat(info.exitCode()).isZero();
            assertThat(info.out()).contains("clicalc 1.0.0 (" + one.id() + ")", "metadata:    zone=a", "clicalc.add")
                    .doesNotContain(two.id());

            Cli.Result stats = Cli.run("-s", server.url(), "svc", "stats", "clicalc", "--wait", "500ms");
            assertThat(stats.exitCode()).isZero();
            assertThat(stats.out()).contains("REQUESTS", "LAST ERROR", "400:nothing to add", one.id(), two.id());

            Cli.Result ping = Cli.run("-s", server.url(), "svc", "ping", "clicalc", "--wait", "500ms");
            assertThat(ping.exitCode()).isZero();
            assertThat(ping.out().lines().skip(1).toList()).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("ms"));

            one.stop().join();
            two.stop().join();
        }
    }

    @Test
    void jsonPrintsTheServicesAnswersOneALine(NatsServer server) throws Exception {
        try (Connection a = TestConnections.connect(server.url())) {
            Service one = calc(a, "2.0.0");

            Cli.Result stats = Cli.run("-s", server.url(), "svc", "stats", "clicalc", one.id(), "--json");

            assertThat(stats.exitCode()).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : stats.out().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines).singleElement().satisfies(n -> {
                assertThat(n.get("type").asText()).isEqualTo("io.nats.micro.v1.stats_response");
                assertThat(n.get("id").asText()).isEqualTo(one.id());
                assertThat(n.get("endpoints").get(0).get("num_requests").asLong()).isZero();
            });
            one.stop().join();
        }
    }

    @Test
    void askingForAServiceNobodyRunsFailsWithTheNoRespondersStatusButLsJustSaysSo(NatsServer server) {
        Cli.Result ping = Cli.run("-s", server.url(), "svc", "ping", "nosuchsvc", "--wait", "300ms");
        assertThat(ping.exitCode()).isEqualTo(ExitCodes.NO_RESPONDERS);
        assertThat(ping.err()).startsWith("relay: no service answered on $SRV.PING.nosuchsvc within 300ms");

        Cli.Result ls = Cli.run("-s", server.url(), "svc", "ls", "nosuchsvc", "--wait", "300ms");
        assertThat(ls.exitCode()).isZero();
        assertThat(ls.out()).isEmpty();
        assertThat(ls.err()).contains("no service answered");
    }

    @Test
    void echoServesRequestsAndShowsUpInDiscovery(NatsServer server) throws Exception {
        Cli.Running echo = Cli.start("-s", server.url(), "svc", "echo", "cliecho", "--queue", "echoers", "--count", "2")
                .awaitListening();

        Cli.Result info = Cli.run("-s", server.url(), "svc", "info", "cliecho", "--json");
        Cli.Result first = Cli.run("-s", server.url(), "req", "cliecho.echo", "hello");
        Cli.Result second = Cli.run("-s", server.url(), "req", "cliecho.echo", "again");

        assertThat(JSON.readTree(info.out()).get("endpoints").get(0).get("queue_group").asText()).isEqualTo("echoers");
        assertThat(first.out()).isEqualTo("hello\n");
        assertThat(second.out()).isEqualTo("again\n");
        Cli.Result ran = echo.result();
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).isEqualTo("[#1] echoed 5 bytes on cliecho.echo\n[#2] echoed 5 bytes on cliecho.echo\n");
        assertThat(ran.err()).contains("Service cliecho 1.0.0", "Listening on cliecho.echo in queue group echoers",
                "Stopped after 2 request(s)");
    }

    @Test
    void echoRefusesAnInvalidServiceName(NatsServer server) {
        Cli.Result echo = Cli.run("-s", server.url(), "svc", "echo", "bad.name");

        assertThat(echo.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(echo.err()).startsWith("relay: invalid argument:");
    }

    @Test
    void reqGathersManyRepliesByCountOrByWait(NatsServer server) {
        try (Connection nc = TestConnections.connect(server.url())) {
            for (String who : List.of("a", "b", "c")) {
                nc.createDispatcher().subscribe("cli.many", m -> m.respond(who));
            }
            nc.flush(Cli.WAIT);

            Cli.Result two = Cli.run("-s", server.url(), "req", "cli.many", "x", "--replies", "2");
            assertThat(two.exitCode()).isZero();
            assertThat(two.out().split("\n\n")).hasSize(2);
            assertThat(two.err()).isEqualTo("Received 2 replies (reached --replies)\n");

            Cli.Result all = Cli.run("-s", server.url(), "req", "cli.many", "x", "--wait", "500ms");
            assertThat(all.exitCode()).isZero();
            assertThat(all.out().split("\n\n")).extracting(String::strip).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(all.err()).isEqualTo("Received 3 replies (the wait ended)\n");
        }
    }

    @Test
    void reqManyWithoutRespondersFailsAtOnceWithItsExitCode(NatsServer server) {
        Cli.Result req = Cli.run("-s", server.url(), "req", "cli.many.nobody", "--wait", "5m");

        assertThat(req.exitCode()).isEqualTo(ExitCodes.NO_RESPONDERS);
        assertThat(req.err()).startsWith("relay: no responders on 'cli.many.nobody'");
    }

    @Test
    void stallNeedsAGatheringOption(NatsServer server) {
        Cli.Result req = Cli.run("-s", server.url(), "req", "cli.x", "--stall", "1s");

        assertThat(req.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(req.err()).contains("--stall needs --replies or --wait");
    }
}
