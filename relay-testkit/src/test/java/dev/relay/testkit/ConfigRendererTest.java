package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ConfigRenderer}: generated config, templates and appended text. */
class ConfigRendererTest {

    private static final ConfigRenderer.Values VALUES =
            new ConfigRenderer.Values("127.0.0.1", 4321, Path.of("/tmp/store dir"), "relay-4321");

    @Test
    void generatesListenNameAndJetStream() {
        String text = ConfigRenderer.render(NatsServerConfig.defaults(), VALUES);
        assertThat(text).contains("listen: 127.0.0.1:4321\n")
                .contains("server_name: \"relay-4321\"\n")
                .contains("jetstream {\n  store_dir: \"/tmp/store dir\"\n}\n")
                .doesNotContain("debug").doesNotContain("trace");
    }

    @Test
    void omitsJetStreamWhenDisabledAndAddsDebugThenExtra() {
        NatsServerConfig c = NatsServerConfig.builder().jetStream(false).debug(true)
                .extraConfig("max_payload: 2048").build();
        String text = ConfigRenderer.render(c, VALUES);
        assertThat(text).doesNotContain("jetstream");
        assertThat(text.indexOf("debug: true\ntrace: true\n")).isPositive()
                .isLessThan(text.indexOf("max_payload: 2048\n"));
        assertThat(text).endsWith("max_payload: 2048\n");
    }

    @Test
    void templateReplacesGeneratedConfig() {
        NatsServerConfig c = NatsServerConfig.builder().configTemplate(
                "listen: {{host}}:{{port}}\nserver_name: x-{{name}}\njetstream { store_dir: \"{{store_dir}}\" }")
                .extraConfig("ping_interval: \"1s\"").build();
        String text = ConfigRenderer.render(c, VALUES);
        assertThat(text).contains("listen: 127.0.0.1:4321\nserver_name: x-relay-4321\n")
                .contains("store_dir: \"/tmp/store dir\"")
                .contains("ping_interval: \"1s\"\n")
                .doesNotContain("{{").doesNotContain("server_name: \"relay-4321\"");
    }

    @Test
    void substitutionIsLiteral() {
        var values = new ConfigRenderer.Values("127.0.0.1", 1, Path.of("/a/$1\\b"), "n");
        assertThat(ConfigRenderer.substitute("{{store_dir}}|{{port}}{{port}}", values)).isEqualTo("/a/$1\\b|11");
    }

    @Test
    void quotesEscapeBackslashAndQuote() {
        assertThat(ConfigRenderer.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
