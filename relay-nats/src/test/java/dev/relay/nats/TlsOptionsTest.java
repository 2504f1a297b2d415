package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.testkit.TestTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS settings: files are read at build time, and every bad file or combination is named clearly. */
class TlsOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsTrustTheJdkAndVerifyHostNames() {
        TlsOptions d = TlsOptions.defaults();
        assertThat(d.verifyHostname()).isTrue();
        assertThat(d.insecure()).isFalse();
        assertThat(d.handshakeFirst()).isFalse();
        assertThat(d.handshakeTimeout()).isEmpty();
        assertThat(d.toString()).contains("JDK's CAs");
    }

    @Test
    void pemAndKeyStoreFilesAreReadAtBuildTime() {
        TlsOptions o = TlsOptions.builder().trustPem(TestTls.caPem())
            .clientPem(TestTls.clientCertPem(), TestTls.clientKeyPem()).build();
        assertThat(o.sslContext()).isNotNull();
        assertThat(o.toString()).contains("ca.pem").contains("client.pem");
        TlsOptions p12 = TlsOptions.builder().trustStore(TestTls.trustStoreP12(), TestTls.PASSWORD.toCharArray())
            .clientKeyStore(TestTls.clientP12(), TestTls.PASSWORD.toCharArray()).build();
        assertThat(p12.toString()).doesNotContain(TestTls.PASSWORD);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nope.pem");
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(missing).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
            .hasMessageContaining("does not exist");
    }

    @Test
    void filesThatAreNotWhatTheySayAreRefusedWithTheReason() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "hello");
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(junk).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> TlsOptions.builder().clientPem(TestTls.clientCertPem(), junk).build())
            .hasMessageContaining("holds no PEM private key");
        Path encrypted = Files.writeString(tmp.resolve("enc.pem"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsOptions.builder().clientPem(TestTls.clientCertPem(), encrypted).build())
            .hasMessageContaining("encrypted");
        Path sec1 = Files.writeString(tmp.resolve("ec.pem"),
            "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsOptions.builder().clientPem(TestTls.clientCertPem(), sec1).build())
            .hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> TlsOptions.builder().trustStore(TestTls.caPem(), null).build())
            .hasMessageContaining("not a PKCS#12 or JKS");
    }

    @Test
    void aWrongKeyStorePasswordIsSaidToBeWrong() {
        assertThatThrownBy(() -> TlsOptions.builder()
                .clientKeyStore(TestTls.clientP12(), "guess".toCharArray()).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong password")
            .hasMessageNotContaining("guess");
    }

    @Test
    void conflictingSettingsAreRefused() {
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(TestTls.caPem())
                .trustStore(TestTls.trustStoreP12(), null).build())
            .hasMessageContaining("not both");
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(TestTls.caPem()).trustAllCertificatesInsecurely()
                .build())
            .hasMessageContaining("one or the other");
        assertThatThrownBy(() -> TlsOptions.builder().handshakeTimeout(Duration.ZERO))
            .hasMessageContaining("positive");
    }

    @Test
    void tlsAndUnixUrlsAreAccepted() {
        Options o = Options.builder().servers("tls://localhost", "unix:///run/nats.sock").build();
        assertThat(o.servers()).extracting(java.net.URI::toString)
            .containsExactly("tls://localhost:4222", "unix:///run/nats.sock");
        assertThatThrownBy(() -> Options.builder().servers("ws://localhost").build())
            .hasMessageContaining("nats://, tls:// and unix://");
    }
}
