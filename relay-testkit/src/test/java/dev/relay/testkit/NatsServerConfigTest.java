package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link NatsServerConfig}: defaults, copying and argument checks. */
class NatsServerConfigTest {

    @Test
    void defaults() {
        NatsServerConfig c = NatsServerConfig.defaults();
        assertThat(c.jetStream()).isTrue();
        assertThat(c.port()).isZero();
        assertThat(c.name()).isEmpty();
        assertThat(c.extraConfig()).isEmpty();
        assertThat(c.configTemplate()).isEmpty();
        assertThat(c.debug()).isFalse();
        assertThat(c.startTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.keepLogsOnClose()).isFalse();
    }

    @Test
    void toBuilderCopiesEveryValue() {
        NatsServerConfig c = NatsServerConfig.builder().jetStream(false).port(4333).name("a").extraConfig("x: 1")
                .configTemplate("listen: {{host}}:{{port}}").debug(true).startTimeout(Duration.ofSeconds(3))
                .stopTimeout(Duration.ofSeconds(2)).keepLogsOnClose(true).build();
        NatsServerConfig copy = c.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(c);
        assertThat(c.toBuilder().port(0).build().port()).isZero();
        assertThat(c.port()).isEqualTo(4333);
    }

    @Test
    void rejectsBadArguments() {
        NatsServerConfig.Builder b = NatsServerConfig.builder();
        assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> b.port(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.name("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> b.name(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.startTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> b.stopTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.extraConfig(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsTemplatesThatCannotWork() {
        NatsServerConfig.Builder b = NatsServerConfig.builder();
        assertThatThrownBy(() -> b.configTemplate("listen: 127.0.0.1:4222"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{port}}");
        assertThatThrownBy(() -> b.configTemplate("listen: {{host}}:{{port}}\ncluster { port: {{cluster_port}} }"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster_port");
    }
}
