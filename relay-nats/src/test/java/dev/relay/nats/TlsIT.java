package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.TlsException.Reason;
import dev.relay.testkit.NatsCluster;
import dev.relay.testkit.NatsClusterConfig;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.TestTls;
import dev.relay.testkit.TestTls.Cert;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against real nats-servers: one-way and mutual TLS that work, and every misconfiguration failing
 * with its own {@link TlsException.Reason} and a message that names the server.
 */
class TlsIT {
    private static NatsServer tls;
    private static NatsServer mutual;

    @BeforeAll
    static void startServers() {
        tls = NatsServer.start(config(Cert.VALID, false));
        mutual = NatsServer.start(config(Cert.VALID, true));
    }

    @AfterAll
    static void stopServers() {
        // tolerate a failed set-up: its own failure is the one to see
        if (tls != null) {
            tls.close();
        }
        if (mutual != null) {
            mutual.close();
        }
    }

    private static NatsServerConfig config(Cert cert, boolean verifyClients) {
        return NatsServerConfig.builder().jetStream(false).extraConfig(TestTls.serverBlock(cert, verifyClients)).build();
    }

    private static TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustPem(TestTls.caPem());
    }

    private static Options.Builder options(String url, TlsOptions tlsOptions) {
        Options.Builder b = Options.builder().servers(url).connectTimeout(WAIT).noReconnect();
        return tlsOptions == null ? b : b.tls(tlsOptions);
    }

    private static TlsException tlsFailure(Options options) {
        try (Connection c = Nats.connect(options)) {
            throw new AssertionError("connected to " + c.serverInfo() + " though it should have failed");
        } catch (TlsException e) {
            return e;
        }
    }

    private static void assertRoundTrip(Connection nc) {
        Subscription sub = nc.subscribe("tls.check");
        nc.publish("tls.check", "over tls");
        assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("over tls");
    }

    @Test
    void aTlsUrlConnectsByAddressAndByNameWhenTheCaIsTrusted() {
        TlsOptions trust = trustingTestCa().build();
        try (Connection byIp = Nats.connect(options("tls://127.0.0.1:" + tls.port(), trust).build());
             Connection byName = Nats.connect(options("tls://localhost:" + tls.port(), trust).build())) {
            assertThat(byIp.serverInfo().tlsRequired()).isTrue();
            assertRoundTrip(byIp);
            assertRoundTrip(byName);
        }
    }

    @Test
    void tlsOptionsUpgradeANatsUrlAndATrustStoreWorksLikeAPemFile() {
        TlsOptions store = TlsOptions.builder()
            .trustStore(TestTls.trustStoreP12(), TestTls.PASSWORD.toCharArray()).build();
        try (Connection nc = Nats.connect(options(tls.url(), store).build())) {
            assertRoundTrip(nc);
        }
    }

    @Test
    void aServerCertificateFromAnUnknownCaIsRefused() {
        TlsException e = tlsFailure(options(tls.url(), TlsOptions.builder().trustPem(TestTls.otherCaPem()).build())
            .build());
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_CA);
        assertThat(e.getMessage()).contains("127.0.0.1:" + tls.port()).contains("unknown CA");

        TlsException jdkDefaults = tlsFailure(options("tls://127.0.0.1:" + tls.port(), null).build());
        assertThat(jdkDefaults.reason()).as("the JDK's CAs do not know the test CA").isEqualTo(Reason.UNKNOWN_CA);
    }

    @Test
    void aCertificateForAnotherNameFailsHostnameVerificationUnlessThatIsTurnedOffLoudly() {
        try (NatsServer other = NatsServer.start(config(Cert.OTHER_NAME, false))) {
            TlsException e = tlsFailure(options(other.url(), trustingTestCa().build()).build());
            assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
            assertThat(e.getMessage()).contains("127.0.0.1:" + other.port()).contains("hostname verification");

            TlsOptions noNames = trustingTestCa().skipHostnameVerificationInsecurely().build();
            assertThat(noNames.insecure()).isTrue();
            assertThat(noNames.toString()).contains("NOT verified");
            try (Connection nc = Nats.connect(options(other.url(), noNames).build())) {
                assertRoundTrip(nc);
            }
            TlsOptions anything = TlsOptions.builder().trustAllCertificatesInsecurely().build();
            assertThat(anything.verifyHostname()).isFalse();
            try (Connection nc = Nats.connect(options(other.url(), anything).build())) {
                assertRoundTrip(nc);
            }
        }
    }

    @Test
    void anExpiredServerCertificateIsReportedAsExpired() {
        try (NatsServer expired = NatsServer.start(config(Cert.EXPIRED, false))) {
            TlsException e = tlsFailure(options(expired.url(), trustingTestCa().build()).build());
            assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED);
            assertThat(e.getMessage()).contains("expired").contains(String.valueOf(expired.port()));
        }
    }

    @Test
    void mutualTlsWorksWithPemAndPkcs12ClientCertificates() {
        TlsOptions pem = trustingTestCa().clientPem(TestTls.clientCertPem(), TestTls.clientKeyPem()).build();
        TlsOptions p12 = trustingTestCa().clientKeyStore(TestTls.clientP12(), TestTls.PASSWORD.toCharArray()).build();
        try (Connection a = Nats.connect(options(mutual.url(), pem).build());
             Connection b = Nats.connect(options(mutual.url(), p12).build())) {
            Subscription sub = b.subscribe("mtls");
            b.flush(WAIT);
            a.publish("mtls", "from a");
            assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("from a");
        }
    }

    @Test
    void aServerThatWantsAClientCertificateRefusesAConnectionWithout() {
        TlsException e = tlsFailure(options(mutual.url(), trustingTestCa().build()).build());
        assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(e.getMessage()).contains("client certificate").contains(String.valueOf(mutual.port()));
    }

    @Test
    void aServerThatRequiresTlsRefusesAPlainConnectionWithAClearMessage() {
        TlsException e = tlsFailure(options(tls.url(), null).build());
        assertThat(e.reason()).isEqualTo(Reason.TLS_REQUIRED_BY_SERVER);
        assertThat(e.getMessage()).contains("requires TLS").contains("tls://");
    }

    @Test
    void tlsConfiguredForAServerWithoutTlsFailsClearly() {
        try (NatsServer plain = NatsServer.start(NatsServerConfig.builder().jetStream(false).build())) {
            TlsException e = tlsFailure(options(plain.url(), trustingTestCa().build()).build());
            assertThat(e.reason()).isEqualTo(Reason.TLS_NOT_OFFERED);
            assertThat(e.getMessage()).contains("does not offer TLS");
        }
    }

    @Test
    void handshakeFirstAgainstA29ServerFailsAtOnceSayingWhy() {
        TlsException e = tlsFailure(options(tls.url(), trustingTestCa().handshakeFirst(true).build()).build());
        assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE_FIRST_UNSUPPORTED);
        assertThat(e.getMessage()).contains("2.10.4");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOut() throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(("INFO {\"server_id\":\"silent\",\"version\":\"2.9.10\",\"proto\":1,"
                        + "\"max_payload\":1048576,\"tls_required\":true}\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    done.await();
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            TlsOptions quick = trustingTestCa().handshakeTimeout(Duration.ofMillis(300)).build();
            TlsException e = tlsFailure(options("tls://127.0.0.1:" + silent.getLocalPort(), quick).build());
            assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE_TIMEOUT);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("TLS handshake").contains("300ms");
        } finally {
            done.countDown();
        }
    }

    @Test
    void clusterServersDiscoveredFromATlsUrlAreReachedOverTlsToo() {
        NatsClusterConfig cfg = NatsClusterConfig.builder().nodes(3).jetStream(false)
            .extraConfig(TestTls.serverBlock(Cert.VALID, false)).build();
        try (NatsCluster cluster = NatsCluster.start(cfg)) {
            cluster.awaitFormed(WAIT);
            Recorder recorder = new Recorder();
            Options o = Clients.fastReconnect("tls://127.0.0.1:" + cluster.node(0).port())
                .connectTimeout(WAIT).reconnect(r -> r.noRandomize(true)).tls(trustingTestCa().build())
                .connectionListener(recorder).errorListener(recorder).build();
            try (Connection nc = Nats.connect(o)) {
                Subscription sub = nc.subscribe("tls.cluster");
                nc.flush(WAIT);
                // the formed cluster's first INFO already listed nodes 1 and 2 in connect_urls
                cluster.node(0).kill();
                ConnectionEvent back = recorder.await(ConnectionEvent.Type.RECONNECTED);
                assertThat(back.serverUrl()).startsWith("tls://127.0.0.1:");
                assertThat(nc.serverInfo().port()).isIn(cluster.node(1).port(), cluster.node(2).port());
                recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
                nc.publish("tls.cluster", "after failover");
                assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("after failover");
            }
        }
    }

    /**
     * Real certificates name hosts, while a cluster announces its servers by address: the client knows
     * node 0 as {@code tls://localhost}, learns nodes 1 and 2 as {@code 127.0.0.1:port}, and must check
     * their certificate (which names only {@code localhost}) against the name it was given, as nats.go
     * does, with hostname verification on.
     */
    @Test
    void discoveredServersAreVerifiedAgainstTheHostNameOfTheConfiguredUrl() {
        NatsClusterConfig cfg = NatsClusterConfig.builder().nodes(3).jetStream(false)
            .extraConfig(TestTls.serverBlock(Cert.HOSTNAME_ONLY, false)).build();
        try (NatsCluster cluster = NatsCluster.start(cfg)) {
            cluster.awaitFormed(WAIT);
            Recorder recorder = new Recorder();
            TlsOptions verifying = trustingTestCa().build();
            assertThat(verifying.verifyHostname()).isTrue();
            Options o = Clients.fastReconnect("tls://localhost:" + cluster.node(0).port())
                .connectTimeout(WAIT).reconnect(r -> r.noRandomize(true)).tls(verifying)
                .connectionListener(recorder).errorListener(recorder).build();
            try (Connection nc = Nats.connect(o)) {
                Subscription sub = nc.subscribe("tls.names");
                nc.flush(WAIT);
                cluster.node(0).kill();
                ConnectionEvent back = recorder.await(ConnectionEvent.Type.RECONNECTED);
                assertThat(back.serverUrl()).startsWith("tls://127.0.0.1:");
                assertThat(nc.serverInfo().port()).isIn(cluster.node(1).port(), cluster.node(2).port());
                recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
                nc.publish("tls.names", "verified by name");
                assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("verified by name");
            }
        }
    }

    @Test
    void aTlsConnectionReconnectsOverTlsAndRestoresItsSubscriptions() {
        try (NatsServer server = NatsServer.start(config(Cert.VALID, false))) {
            Recorder recorder = new Recorder();
            Options o = Clients.fastReconnect(server.url()).connectTimeout(WAIT).tls(trustingTestCa().build())
                .connectionListener(recorder).errorListener(recorder).build();
            try (Connection nc = Nats.connect(o)) {
                Subscription sub = nc.subscribe("after.restart");
                nc.flush(WAIT);
                server.restart();
                await().atMost(WAIT).until(() -> recorder.count(ConnectionEvent.Type.RECONNECTED) > 0);
                nc.publish("after.restart", "still encrypted");
                assertThat(sub.nextMessage(WAIT).dataAsString()).isEqualTo("still encrypted");
            }
        }
    }
}
