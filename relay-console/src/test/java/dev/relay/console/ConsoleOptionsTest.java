package dev.relay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console's options: safe defaults and argument checks. */
class ConsoleOptionsTest {

    @Test
    void defaultsListenOnLoopbackWithAGeneratedToken() {
        ConsoleOptions o = ConsoleOptions.builder().build();
        assertThat(o.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.accessToken()).isEmpty();
        assertThat(o.monitorUrl()).isEmpty();
        assertThat(o.socketBufferBytes()).isEqualTo(1024 * 1024);
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void settersKeepTheirValues() {
        ConsoleOptions o = ConsoleOptions.builder().bindAddress(" 0.0.0.0 ").port(0).accessToken("s3cret-token")
                .monitorUrl(URI.create("http://127.0.0.1:8222")).maxSubscriptions(5).maxSockets(6)
                .socketBufferBytes(4096).maxBodyBytes(2048).requestTimeout(Duration.ofMillis(50)).build();
        assertThat(o.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(o.accessToken()).contains("s3cret-token");
        assertThat(o.monitorUrl()).contains(URI.create("http://127.0.0.1:8222"));
        assertThat(o.maxSubscriptions()).isEqualTo(5);
        assertThat(o.maxSockets()).isEqualTo(6);
        assertThat(o.maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void badValuesAreRefusedNamingTheArgument() {
        ConsoleOptions.Builder b = ConsoleOptions.builder();
        assertThatThrownBy(() -> b.port(70000)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("port:");
        assertThatThrownBy(() -> b.bindAddress(" ")).hasMessageStartingWith("address:");
        assertThatThrownBy(() -> b.accessToken("short")).hasMessageStartingWith("token:");
        assertThatThrownBy(() -> b.accessToken("with space 123")).hasMessageStartingWith("token:");
        assertThatThrownBy(() -> b.monitorUrl(URI.create("nats://127.0.0.1:4222"))).hasMessageStartingWith("url:");
        assertThatThrownBy(() -> b.maxSubscriptions(0)).hasMessageStartingWith("max:");
        assertThatThrownBy(() -> b.socketBufferBytes(10)).hasMessageStartingWith("bytes:");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageStartingWith("timeout:");
    }
}
