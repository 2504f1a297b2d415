package dev.relay.nats.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server pool: order, failures past the limit, discovery and forgetting of announced servers. */
class ServerPoolTest {
    private static final URI A = URI.create("nats://127.0.0.1:4001");
    private static final URI B = URI.create("nats://127.0.0.1:4002");

    @Test
    void aRoundTriesEveryServerOnceWithTheLastUsedAtTheEnd() {
        ServerPool pool = new ServerPool(List.of(A, B), false, 3, new Random(1));
        assertThat(pool.round(null)).containsExactly(A, B);
        assertThat(pool.round(A)).containsExactly(B, A);
    }

    @Test
    void aServerLeavesAfterMoreFailuresThanAllowedUnlessItWorkedMeanwhile() {
        ServerPool pool = new ServerPool(List.of(A, B), false, 2, new Random(1));
        pool.failed(A);
        pool.failed(A);
        pool.connected(A);
        pool.failed(A);
        pool.failed(A);
        assertThat(pool.servers()).contains(A);
        pool.failed(A);
        assertThat(pool.servers()).containsExactly(B);
        pool.failed(B);
        pool.failed(B);
        pool.failed(B);
        assertThat(pool.isEmpty()).isTrue();
    }

    @Test
    void noLimitKeepsEveryServer() {
        ServerPool pool = new ServerPool(List.of(A), false, -1, new Random(1));
        for (int i = 0; i < 1000; i++) {
            pool.failed(A);
        }
        assertThat(pool.servers()).containsExactly(A);
    }

    @Test
    void discoveredServersJoinAndLeaveButGivenOnesStay() {
        ServerPool pool = new ServerPool(List.of(A), false, 1, new Random(1));
        assertThat(pool.discovered(List.of("127.0.0.1:4001", "127.0.0.1:4003", "127.0.0.1:4004"), A))
            .extracting(URI::getPort).containsExactly(4003, 4004);
        assertThat(pool.servers()).hasSize(3);
        pool.discovered(List.of("127.0.0.1:4004"), URI.create("nats://127.0.0.1:4004"));
        assertThat(pool.servers()).extracting(URI::getPort).containsExactly(4001, 4004);
    }

    @Test
    void discoveredServersBorrowTheCredentialsOfTheGivenUrl() {
        ServerPool pool = new ServerPool(List.of(URI.create("nats://u:p@127.0.0.1:4001")), false, 1, new Random(1));
        pool.discovered(List.of("127.0.0.1:4002"), null);
        assertThat(pool.servers().get(1).getUserInfo()).isEqualTo("u:p");
    }

    @Test
    void serversAreShuffledUnlessToldNotTo() {
        List<URI> many = List.of(A, B, URI.create("nats://h:1"), URI.create("nats://h:2"), URI.create("nats://h:3"));
        boolean shuffledOnce = false;
        for (int seed = 0; seed < 20 && !shuffledOnce; seed++) {
            shuffledOnce = !new ServerPool(many, true, 1, new Random(seed)).servers().equals(many);
        }
        assertThat(shuffledOnce).isTrue();
        assertThat(new ServerPool(many, false, 1, new Random(1)).servers()).isEqualTo(many);
    }

    @Test
    void discoveredIpv6ServersAreUnderstood() {
        ServerPool pool = new ServerPool(List.of(A), false, 1, new Random(1));
        assertThat(pool.discovered(List.of("[::1]:4005"), A)).singleElement()
            .satisfies(u -> {
                assertThat(u.getHost()).isEqualTo("[::1]");
                assertThat(u.getPort()).isEqualTo(4005);
            });
    }

    @Test
    void aServerDiscoveredByAddressIsVerifiedAgainstTheHostNameOfTheConfiguredUrl() {
        URI given = URI.create("tls://nats.example.com:4001");
        ServerPool pool = new ServerPool(List.of(given), false, 1, new Random(1));
        URI discovered = pool.discovered(List.of("10.0.0.2:4002"), given).get(0);
        assertThat(discovered.getHost()).as("connects by the announced address").isEqualTo("10.0.0.2");
        URI inPool = pool.servers().get(1);
        assertThat(inPool.getHost()).isEqualTo("10.0.0.2");
        assertThat(ServerPool.tlsName(inPool)).isEqualTo("nats.example.com");
        assertThat(ServerPool.tlsName(given)).isEqualTo("nats.example.com");
    }

    @Test
    void onADiscoveredServerTheNameCarriesOverToServersItAnnounces() {
        URI given = URI.create("tls://localhost:4001");
        ServerPool pool = new ServerPool(List.of(given), false, 1, new Random(1));
        pool.discovered(List.of("127.0.0.1:4002"), given);
        URI current = pool.servers().get(1);
        pool.discovered(List.of("127.0.0.1:4002", "127.0.0.1:4003"), current);
        assertThat(pool.servers()).extracting(ServerPool::tlsName).containsExactly("localhost", "localhost", "localhost");
    }

    @Test
    void aDiscoveredServerWithAHostNameOrAConfiguredAddressIsVerifiedAgainstItsOwnName() {
        ServerPool byAddress = new ServerPool(List.of(URI.create("tls://127.0.0.1:4001")), false, 1, new Random(1));
        byAddress.discovered(List.of("127.0.0.1:4002", "[::1]:4003"), null);
        assertThat(byAddress.servers()).extracting(ServerPool::tlsName).containsExactly("127.0.0.1", "127.0.0.1", "[::1]");
        ServerPool byName = new ServerPool(List.of(URI.create("tls://localhost:4001")), false, 1, new Random(1));
        byName.discovered(List.of("nats-2.example.com:4002"), null);
        assertThat(byName.servers()).extracting(ServerPool::tlsName).containsExactly("localhost", "nats-2.example.com");
    }

    @Test
    void theNameToVerifyIsNotPartOfHowAServerIsShown() {
        URI given = URI.create("tls://u:p@localhost:4001");
        ServerPool pool = new ServerPool(List.of(given), false, 1, new Random(1));
        assertThat(pool.discovered(List.of("127.0.0.1:4002"), given)).singleElement()
            .satisfies(u -> assertThat(u.toString()).isEqualTo("tls://u:p@127.0.0.1:4002"));
        assertThat(ServerPool.display(pool.servers().get(1), true)).isEqualTo("tls://127.0.0.1:4002");
    }
}
