package dev.relay.nats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Nats;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Options;
import dev.relay.nats.Replies;
import dev.relay.nats.RequestManyOptions;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Service API against a real server: requests, queue groups across instances, groups, error
 * answers, handler exceptions, stats, reset, stop with drain, and discovery on all three levels with
 * the JSON of ADR-32 read raw.
 */
@NatsTest
class ServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT).build());
    }

    /** Every raw answer on a discovery subject within a short window, as JSON. */
    private static List<JsonNode> gather(Connection nc, String subject, int expected) throws Exception {
        RequestManyOptions options = RequestManyOptions.builder().totalWait(WAIT).maxMessages(expected).build();
        List<JsonNode> out = new ArrayList<>();
        try (Replies replies = nc.requestMany(subject, "", options)) {
            for (Message m : replies) {
                out.add(JSON.readTree(m.data()));
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aServiceEndsWhenItsConnectionClosesAndAStoppedOneStopsListening(NatsServer server) {
        Connection nc = connect(server);
        Service svc = Service.builder(nc).name("short-lived").version("1.0.0")
            .endpoint("ping", req -> req.respond(bytes("pong"))).start();
        nc.close();
        assertThat(svc.done()).failsWithin(WAIT)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(dev.relay.nats.ConnectionClosedException.class)
            .withMessageContaining("short-lived");

        try (Connection other = connect(server)) {
            Service stopped = Service.builder(other).name("stopped").version("1.0.0")
                .endpoint("ping", req -> req.respond(bytes("pong"))).start();
            stopped.stop().join();
            java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
            other.addConnectionListener(e -> events.incrementAndGet());
            other.close();
            await().atMost(WAIT).until(() -> events.get() == 1);
            assertThat(stopped.done()).as("a stop that finished is not turned into a failure by the close")
                .isCompleted().isNotCompletedExceptionally();
        }
    }

    @Test
    void anEndpointAnswersAndItsStatsCountRequestsAndProcessingTime(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("echo").version("1.0.0")
                .endpoint("echo", req -> req.respond(Headers.of("Seen-Header", req.headers().first("In").orElse("-")),
                    bytes(Thread.currentThread().getName().startsWith("relay-nats-dispatch") + ":" + req.dataAsString())))
                .start();

            Message reply = client.request("echo", Headers.of("In", "x"), bytes("hi"), WAIT);

            assertThat(reply.dataAsString()).isEqualTo("true:hi");
            assertThat(reply.headers().first("Seen-Header")).contains("x");
            assertThat(ServiceError.of(reply)).isEmpty();
            EndpointStats stats = svc.stats().endpoints().get(0);
            assertThat(stats.requests()).isEqualTo(1);
            assertThat(stats.errors()).isZero();
            await().atMost(WAIT).untilAsserted(() -> assertThat(svc.stats().endpoints().get(0).processingTime()).isPositive());
            EndpointStats later = svc.stats().endpoints().get(0);
            assertThat(later.averageProcessingTime()).isEqualTo(later.processingTime());
            svc.stop().join();
        }
    }

    @Test
    void instancesShareRequestsThroughTheDefaultQueueGroupWhileAnotherGroupGetsEveryOne(NatsServer server) {
        try (Connection a = connect(server); Connection b = connect(server); Connection c = connect(server);
             Connection client = connect(server)) {
            Service one = Service.builder(a).name("work").version("1.0.0").endpoint("do", "work.do", req -> req.respond("one")).start();
            Service two = Service.builder(b).name("work").version("1.0.0").endpoint("do", "work.do", req -> req.respond("two")).start();
            Service audit = Service.builder(c).name("work").version("1.0.0").queueGroup("audit")
                .endpoint("do", "work.do", req -> req.respond("audit")).start();

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try (Replies replies = client.requestMany("work.do", "", RequestManyOptions.builder()
                        .maxMessages(2).totalWait(WAIT).build())) {
                    replies.forEach(m -> answers.add(m.dataAsString()));
                }
            }

            // each request reaches one member of group q and the single member of group audit
            assertThat(answers).hasSize(80).filteredOn("audit"::equals).hasSize(40);
            long byOne = one.stats().endpoints().get(0).requests();
            long byTwo = two.stats().endpoints().get(0).requests();
            assertThat(byOne + byTwo).isEqualTo(40);
            assertThat(byOne).isPositive();
            assertThat(byTwo).isPositive();
            assertThat(one.info().endpoints().get(0).queueGroup()).isEqualTo("q");
            assertThat(audit.stats().endpoints().get(0).requests()).isEqualTo(40);
            CompletableFuture.allOf(one.stop(), two.stop(), audit.stop()).join();
        }
    }

    @Test
    void withoutAQueueGroupEveryInstanceGetsEveryRequest(NatsServer server) {
        try (Connection a = connect(server); Connection b = connect(server); Connection client = connect(server)) {
            Service one = Service.builder(a).name("fan").version("1.0.0").noQueueGroup()
                .endpoint("out", "fan.out", req -> req.respond("one")).start();
            Service two = Service.builder(b).name("fan").version("1.0.0").noQueueGroup()
                .endpoint("out", "fan.out", req -> req.respond("two")).start();

            try (Replies replies = client.requestMany("fan.out", "", RequestManyOptions.builder()
                    .maxMessages(2).totalWait(WAIT).build())) {
                assertThat(replies.stream().map(Message::dataAsString)).containsExactlyInAnyOrder("one", "two");
            }
            assertThat(one.info().endpoints().get(0).queueGroup()).isEmpty();
            one.stop().join();
            two.stop().join();
        }
    }

    @Test
    void groupsPrefixAndNestEndpointSubjects(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("calc").version("2.0.0")
                .group("calc", g -> g
                    .endpoint("add", req -> req.respond("add:" + req.subject()))
                    .group("admin", a -> a.queueGroup("admins")
                        .endpoint(Endpoint.builder("any").subject("ops.*").handler(req -> req.respond("ops:" + req.subject())).build())))
                .start();

            assertThat(client.request("calc.add", "", WAIT).dataAsString()).isEqualTo("add:calc.add");
            assertThat(client.request("calc.admin.ops.flush", "", WAIT).dataAsString()).isEqualTo("ops:calc.admin.ops.flush");
            assertThat(svc.info().endpoints()).extracting(EndpointInfo::subject, EndpointInfo::queueGroup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("calc.add", "q"),
                    org.assertj.core.groups.Tuple.tuple("calc.admin.ops.*", "admins"));
            svc.stop().join();
        }
    }

    @Test
    void errorAnswersCarryTheServiceErrorHeadersAndAreCounted(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("strict").version("1.0.0")
                .endpoint("strict", req -> {
                    if (req.data().length == 0) {
                        req.respondError(400, "empty request", bytes("{\"hint\":\"send a body\"}"));
                    } else {
                        req.respond("ok");
                    }
                })
                .start();

            Message bad = client.request("strict", "", WAIT);
            Message good = client.request("strict", "body", WAIT);

            assertThat(bad.headers().first(ServiceError.ERROR_HEADER)).contains("empty request");
            assertThat(bad.headers().first(ServiceError.ERROR_CODE_HEADER)).contains("400");
            assertThat(ServiceError.of(bad)).contains(new ServiceError(400, "empty request"));
            assertThat(bad.dataAsString()).isEqualTo("{\"hint\":\"send a body\"}");
            assertThat(ServiceError.of(good)).isEmpty();
            EndpointStats stats = svc.stats().endpoints().get(0);
            assertThat(stats.requests()).isEqualTo(2);
            assertThat(stats.errors()).isEqualTo(1);
            assertThat(stats.lastError()).isEqualTo("400:empty request");
            svc.stop().join();
        }
    }

    @Test
    void aHandlerExceptionBecomesAnError500AndTheServiceKeepsServing(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("fragile").version("1.0.0")
                .endpoint("fragile", req -> {
                    if (req.dataAsString().equals("boom")) {
                        throw new IllegalStateException("division by zero");
                    }
                    req.respond("fine");
                })
                .start();

            Message failed = client.request("fragile", "boom", WAIT);
            Message next = client.request("fragile", "again", WAIT);

            assertThat(ServiceError.of(failed)).contains(new ServiceError(500, "division by zero"));
            assertThat(next.dataAsString()).isEqualTo("fine");
            EndpointStats stats = svc.stats().endpoints().get(0);
            assertThat(stats.requests()).isEqualTo(2);
            assertThat(stats.errors()).isEqualTo(1);
            assertThat(stats.lastError()).isEqualTo("500:division by zero");
            assertThat(svc.isStopped()).isFalse();
            svc.stop().join();
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldUpAnotherOrDiscovery(NatsServer server) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("mixed").version("1.0.0")
                .endpoint("slow", "mixed.slow", req -> {
                    block(release);
                    req.respond("slow");
                })
                .endpoint("fast", "mixed.fast", req -> req.respond("fast"))
                .start();

            CompletableFuture<Message> slow = client.requestAsync("mixed.slow", null, new byte[0], WAIT);
            assertThat(client.request("mixed.fast", "", WAIT).dataAsString()).isEqualTo("fast");
            assertThat(new ServiceDiscovery(client, WAIT, 1).ping("mixed")).hasSize(1);
            assertThat(slow).isNotDone();

            release.countDown();
            assertThat(slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("slow");
            svc.stop().join();
        }
    }

    @Test
    void stopLetsRequestsAlreadyReceivedFinishThenNobodyListens(NatsServer server) throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("draining").version("1.0.0")
                .endpoint("draining", req -> {
                    inHandler.countDown();
                    block(release);
                    req.respond("done:" + req.dataAsString());
                })
                .start();
            long before = nc.statistics().inMessages();
            List<CompletableFuture<Message>> inFlight = IntStream.range(0, 3)
                .mapToObj(i -> client.requestAsync("draining", null, bytes("r" + i), WAIT)).toList();
            assertThat(inHandler.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            // all three requests reached the service's connection: one in the handler, two pending
            await().atMost(WAIT).until(() -> nc.statistics().inMessages() >= before + 3);

            CompletableFuture<Void> done = svc.stop();
            assertThat(svc.isStopped()).isTrue();
            assertThat(done).isNotDone();
            release.countDown();

            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < 3; i++) {
                assertThat(inFlight.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("done:r" + i);
            }
            assertThatThrownBy(() -> client.request("draining", "late", WAIT)).isInstanceOf(NoRespondersException.class);
            assertThat(new ServiceDiscovery(client, Duration.ofMillis(300)).ping("draining")).isEmpty();
            assertThat(svc.stop()).isSameAs(done);
        }
    }

    @Test
    void stopWithACauseCompletesDoneExceptionallyAndAStartedServiceCannotStartAgain(NatsServer server) {
        try (Connection nc = connect(server)) {
            Service svc = Service.builder(nc).name("once").version("1.0.0").endpoint("once", req -> req.respond("")).start();

            assertThatThrownBy(svc::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started before");
            IllegalStateException cause = new IllegalStateException("lost the database");
            assertThatThrownBy(() -> svc.stop(cause).join()).hasCause(cause);
            assertThat(svc.done()).isCompletedExceptionally();
        }
    }

    @Test
    void discoveryAnswersOnAllThreeLevelsWithTheJsonOfAdr32(NatsServer server) throws Exception {
        try (Connection a = connect(server); Connection b = connect(server); Connection client = connect(server)) {
            Service calc1 = Service.builder(a).name("calc").version("1.2.3").description("adds numbers")
                .metadata(Map.of("region", "eu"))
                .statsData(e -> "{\"cache_hits\":7}")
                .endpoint(Endpoint.builder("add").subject("calc.add").metadata(Map.of("unit", "int"))
                    .handler(req -> req.respond("3")).build())
                .start();
            Service calc2 = Service.builder(b).name("calc").version("1.2.3").endpoint("add", "calc.add", req -> req.respond("3")).start();
            Service other = Service.builder(b).name("other").version("0.1.0").endpoint("other", req -> req.respond("")).start();
            client.request("calc.add", "1 2", WAIT);
            client.request("calc.add", "1 2", WAIT);

            assertThat(gather(client, "$SRV.PING", 3)).extracting(n -> n.get("id").asText())
                .containsExactlyInAnyOrder(calc1.id(), calc2.id(), other.id());
            assertThat(gather(client, "$SRV.INFO.calc", 2)).extracting(n -> n.get("id").asText())
                .containsExactlyInAnyOrder(calc1.id(), calc2.id());

            JsonNode ping = gather(client, "$SRV.PING.calc." + calc1.id(), 1).get(0);
            assertThat(ping.get("type").asText()).isEqualTo("io.nats.micro.v1.ping_response");
            assertThat(ping.get("name").asText()).isEqualTo("calc");
            assertThat(ping.get("version").asText()).isEqualTo("1.2.3");
            assertThat(ping.get("metadata").get("region").asText()).isEqualTo("eu");

            JsonNode info = gather(client, "$SRV.INFO.calc." + calc1.id(), 1).get(0);
            assertThat(info.get("type").asText()).isEqualTo("io.nats.micro.v1.info_response");
            assertThat(info.get("description").asText()).isEqualTo("adds numbers");
            JsonNode endpoint = info.get("endpoints").get(0);
            assertThat(endpoint.get("name").asText()).isEqualTo("add");
            assertThat(endpoint.get("subject").asText()).isEqualTo("calc.add");
            assertThat(endpoint.get("queue_group").asText()).isEqualTo("q");
            assertThat(endpoint.get("metadata").get("unit").asText()).isEqualTo("int");

            JsonNode stats = gather(client, "$SRV.STATS.calc." + calc1.id(), 1).get(0);
            assertThat(stats.get("type").asText()).isEqualTo("io.nats.micro.v1.stats_response");
            assertThat(stats.get("id").asText()).isEqualTo(calc1.id());
            assertThat(Instant.parse(stats.get("started").asText())).isBeforeOrEqualTo(Instant.now());
            JsonNode es = stats.get("endpoints").get(0);
            assertThat(es.get("name").asText()).isEqualTo("add");
            assertThat(es.get("subject").asText()).isEqualTo("calc.add");
            assertThat(es.get("queue_group").asText()).isEqualTo("q");
            assertThat(es.get("num_requests").isIntegralNumber()).isTrue();
            assertThat(es.get("num_requests").asLong() + calc2.stats().endpoints().get(0).requests()).isEqualTo(2);
            assertThat(es.get("num_errors").asLong()).isZero();
            assertThat(es.get("last_error").asText()).isEmpty();
            assertThat(es.get("processing_time").isIntegralNumber()).isTrue();
            assertThat(es.get("average_processing_time").isIntegralNumber()).isTrue();
            assertThat(es.get("data").get("cache_hits").asInt()).isEqualTo(7);

            for (Service s : List.of(calc1, calc2, other)) {
                s.stop().join();
            }
        }
    }

    @Test
    void theDiscoveryClientGathersPingInfoAndStatsOfAllByNameAndById(NatsServer server) {
        try (Connection a = connect(server); Connection b = connect(server); Connection client = connect(server)) {
            Service s1 = Service.builder(a).name("disc").version("1.0.0").endpoint("a", "disc.a", req -> req.respondError(503, "busy")).start();
            Service s2 = Service.builder(b).name("disc").version("1.0.1").endpoint("a", "disc.a", req -> req.respondError(503, "busy")).start();
            Service s3 = Service.builder(b).name("disc2").version("3.0.0").endpoint("disc2", req -> req.respond("")).start();
            ServiceDiscovery discovery = new ServiceDiscovery(client, Duration.ofMillis(500));
            client.request("disc.a", "", WAIT);

            assertThat(discovery.ping()).extracting(PingResponse::id).contains(s1.id(), s2.id(), s3.id());
            assertThat(discovery.ping("disc")).extracting(PingResponse::version).containsExactlyInAnyOrder("1.0.0", "1.0.1");
            assertThat(discovery.info("disc2")).singleElement().isEqualTo(s3.info());
            assertThat(discovery.info("disc", s1.id())).contains(s1.info());
            assertThat(discovery.stats("disc")).flatExtracting(ServiceStats::endpoints)
                .extracting(EndpointStats::errors).containsExactlyInAnyOrder(0L, 1L);
            assertThat(discovery.stats("disc", s2.id())).hasValueSatisfying(st -> assertThat(st.id()).isEqualTo(s2.id()));
            assertThat(discovery.ping("nosuch")).isEmpty();
            assertThat(discovery.ping("disc", "nosuchid")).isEmpty();
            assertThat(new ServiceDiscovery(client, WAIT, 2).ping()).hasSize(2);

            for (Service s : List.of(s1, s2, s3)) {
                s.stop().join();
            }
        }
    }

    @Test
    void endpointsAndGroupsCanBeAddedToARunningServiceButNotToAStoppedOne(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("growing").version("1.0.0").queueGroup("grow-q")
                .endpoint("first", req -> req.respond("1")).start();

            svc.addEndpoint(Endpoint.of("second", req -> req.respond("2")))
                .addGroup("growing.admin", g -> g.endpoint("third", req -> req.respond("3")));

            assertThat(client.request("second", "", WAIT).dataAsString()).isEqualTo("2");
            assertThat(client.request("growing.admin.third", "", WAIT).dataAsString()).isEqualTo("3");
            assertThat(new ServiceDiscovery(client, WAIT, 1).info("growing", svc.id()).orElseThrow().endpoints())
                .extracting(EndpointInfo::subject, EndpointInfo::queueGroup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "grow-q"),
                    org.assertj.core.groups.Tuple.tuple("second", "grow-q"),
                    org.assertj.core.groups.Tuple.tuple("growing.admin.third", "grow-q"));
            assertThat(svc.stats().endpoints()).extracting(EndpointStats::requests).containsExactly(0L, 1L, 1L);

            svc.stop().join();
            assertThatThrownBy(() -> svc.addEndpoint(Endpoint.of("late", req -> { })))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
            assertThatThrownBy(svc::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
            assertThatThrownBy(() -> client.request("second", "", WAIT)).isInstanceOf(NoRespondersException.class);
        }
    }

    @Test
    void resetZeroesTheCounters(NatsServer server) {
        try (Connection nc = connect(server); Connection client = connect(server)) {
            Service svc = Service.builder(nc).name("resettable").version("1.0.0")
                .endpoint("resettable", req -> req.respondError(418, "teapot")).start();
            client.request("resettable", "", WAIT);
            Instant firstStart = svc.stats().started();
            assertThat(svc.stats().endpoints().get(0).requests()).isEqualTo(1);

            svc.reset();

            EndpointStats stats = svc.stats().endpoints().get(0);
            assertThat(stats.requests()).isZero();
            assertThat(stats.errors()).isZero();
            assertThat(stats.lastError()).isEmpty();
            assertThat(stats.processingTime()).isZero();
            assertThat(svc.stats().started()).isAfterOrEqualTo(firstStart);
            svc.stop().join();
        }
    }

    private static void block(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released the handler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
