package dev.relay.nats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and subject / queue-group resolution of the service builder, without a server. */
class ServiceBuilderTest {
    /** Any use of the connection fails the test: building must not touch it. */
    private static final Connection UNUSED = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, a) -> {
            throw new AssertionError("the builder used the connection: " + m.getName());
        });
    private static final ServiceHandler NOOP = req -> { };

    private static ServiceBuilder calc() {
        return Service.builder(UNUSED).name("calc").version("1.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "0.0.1", "10.20.30", "1.0.0-alpha", "1.0.0-rc.1+build.5", "2.1.0+20130313144700"})
    void acceptsSemanticVersions(String version) {
        assertThat(calc().version(version).build().version()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0+", "1.0.0 ", "1.0.0-01"})
    void rejectsWhatIsNotASemanticVersion(String version) {
        assertThatThrownBy(() -> calc().version(version))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("version: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my service", "calc.v1", "calc*", "ünïcode", "a>b"})
    void rejectsNamesOutsideTheAllowedCharacters(String name) {
        assertThatThrownBy(() -> Service.builder(UNUSED).name(name))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> Endpoint.builder(name))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("endpoint name: ");
    }

    @Test
    void nameAndVersionAreRequired() {
        assertThatThrownBy(() -> Service.builder(UNUSED).version("1.0.0").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> Service.builder(UNUSED).name("calc").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("version: ");
        assertThatThrownBy(() -> Endpoint.builder("add").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a handler");
    }

    @Test
    void rejectsBadSubjectsGroupsAndQueueGroups() {
        assertThatThrownBy(() -> Endpoint.builder("e").subject("a..b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty token");
        assertThatThrownBy(() -> Endpoint.builder("e").subject("a.>.b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'>'");
        assertThatThrownBy(() -> Endpoint.builder("e").subject("a b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> calc().group("admin.>", g -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("group name: ");
        assertThatThrownBy(() -> calc().queueGroup(""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("queueGroup: ");
        assertThatThrownBy(() -> Endpoint.builder("e").queueGroup("a b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("queueGroup: ");
        assertThatThrownBy(() -> calc().drainTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("drainTimeout: ");
        assertThatThrownBy(() -> new ServiceError(400, ""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("description: ");
        assertThatThrownBy(() -> new ServiceError(400, "two\nlines"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
    }

    @Test
    void subjectsNestAndQueueGroupsComeFromTheNearestLevelThatSetsOne() {
        Service svc = calc().queueGroup("svc-q")
            .endpoint("plain", NOOP)
            .endpoint(Endpoint.builder("own").subject("calc.own.*").queueGroup("own-q").handler(NOOP).build())
            .endpoint(Endpoint.builder("solo").noQueueGroup().handler(NOOP).build())
            .group("calc", g -> g.queueGroup("group-q")
                .endpoint("add", NOOP)
                .group("admin.ops", a -> a.noQueueGroup()
                    .endpoint("reset", NOOP)
                    .endpoint(Endpoint.builder("audit").queueGroup("audit-q").handler(NOOP).build()))
                .group("inherit", i -> i.endpoint("deep", NOOP)))
            .build();

        assertThat(svc.endpoints()).extracting(EndpointInfo::name, EndpointInfo::subject, EndpointInfo::queueGroup)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("plain", "plain", "svc-q"),
                org.assertj.core.groups.Tuple.tuple("own", "calc.own.*", "own-q"),
                org.assertj.core.groups.Tuple.tuple("solo", "solo", ""),
                org.assertj.core.groups.Tuple.tuple("add", "calc.add", "group-q"),
                org.assertj.core.groups.Tuple.tuple("reset", "calc.admin.ops.reset", ""),
                org.assertj.core.groups.Tuple.tuple("audit", "calc.admin.ops.audit", "audit-q"),
                org.assertj.core.groups.Tuple.tuple("deep", "calc.inherit.deep", "group-q"));
    }

    @Test
    void theDefaultQueueGroupIsQ() {
        Service svc = calc().endpoint("add", NOOP).group("g", g -> g.endpoint("sub", NOOP)).build();

        assertThat(svc.endpoints()).extracting(EndpointInfo::queueGroup).containsExactly("q", "q");
    }

    @Test
    void identityIsReportedAsGivenWithAFreshIdPerInstance() {
        Service a = calc().description("adds").metadata(Map.of("region", "eu")).build();
        Service b = calc().build();

        assertThat(a.id()).hasSize(22).isNotEqualTo(b.id());
        assertThat(a.ping()).isEqualTo(new PingResponse("calc", a.id(), "1.0.0", Map.of("region", "eu")));
        assertThat(a.info().description()).isEqualTo("adds");
        assertThat(a.stats().endpoints()).isEmpty();
        assertThat(a.isStopped()).isFalse();
    }

    @Test
    void discoveryJsonRoundTrips() {
        Service svc = calc().metadata(Map.of("k", "v"))
            .statsData(e -> "{\"endpoint\":\"" + e.name() + "\"}")
            .endpoint(Endpoint.builder("add").metadata(Map.of("unit", "int")).handler(NOOP).build())
            .build();

        assertThat(ServiceJson.readPing(ServiceJson.ping(svc.ping()))).isEqualTo(svc.ping());
        assertThat(ServiceJson.readInfo(ServiceJson.info(svc.info()))).isEqualTo(svc.info());
        ServiceStats stats = svc.stats();
        assertThat(ServiceJson.readStats(ServiceJson.stats(stats))).isEqualTo(stats);
        assertThat(stats.endpoints().get(0).data()).isEqualTo("{\"endpoint\":\"add\"}");
        assertThatThrownBy(() -> ServiceJson.readPing(ServiceJson.info(svc.info())))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PingResponse.TYPE);
    }

    @Test
    void discoveryRejectsANonPositiveWaitAndANegativeLimit() {
        assertThatThrownBy(() -> new ServiceDiscovery(UNUSED, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("wait: ");
        assertThatThrownBy(() -> new ServiceDiscovery(UNUSED, Duration.ofSeconds(1), -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxResults: ");
        assertThatThrownBy(() -> new ServiceDiscovery(UNUSED, Duration.ofSeconds(1)).ping("bad name"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: ");
    }

    @Test
    void customStatsDataThatIsNotJsonIsLeftOut() {
        Service svc = calc().statsData(e -> "not json {").endpoint("add", NOOP).build();

        assertThat(svc.stats().endpoints().get(0).data()).isEmpty();
    }
}
