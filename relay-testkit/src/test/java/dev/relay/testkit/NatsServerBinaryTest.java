package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests of {@link NatsServerBinary}'s search order, error message and version parsing. */
class NatsServerBinaryTest {

    @TempDir
    Path dir;

    @Test
    void envVarWins() throws IOException {
        Path explicit = executable("custom-nats");
        Path onPath = executable("nats-server");
        Map<String, String> env = Map.of(NatsServerBinary.ENV_VAR, explicit.toString(), "PATH", dir.toString());
        assertThat(NatsServerBinary.locate(env, List.of())).isEqualTo(explicit);
        assertThat(NatsServerBinary.locate(Map.of("PATH", "/nonexistent:" + dir), List.of())).isEqualTo(onPath);
    }

    @Test
    void fallsBackToFixedLocations() throws IOException {
        Path fallback = executable("sbin-nats-server");
        assertThat(NatsServerBinary.locate(Map.of("PATH", "/nonexistent"), List.of(dir.resolve("x"), fallback)))
                .isEqualTo(fallback);
    }

    @Test
    void missingBinaryExplainsHowToInstall() {
        assertThatThrownBy(() -> NatsServerBinary.locate(Map.of("PATH", "/nonexistent"), List.of(dir.resolve("x"))))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining("apt-get install -y nats-server")
                .hasMessageContaining(NatsServerBinary.ENV_VAR);
    }

    @Test
    void envVarPointingNowhereIsAnError() {
        Map<String, String> env = Map.of(NatsServerBinary.ENV_VAR, dir.resolve("nope").toString());
        assertThatThrownBy(() -> NatsServerBinary.locate(env, List.of()))
                .isInstanceOf(NatsServerNotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void parsesVersionOutput() {
        assertThat(NatsServerBinary.parseVersion("nats-server: v2.9.10\n")).contains("2.9.10");
        assertThat(NatsServerBinary.parseVersion("nats-server: v2.10.0-beta.1")).contains("2.10.0-beta.1");
        assertThat(NatsServerBinary.parseVersion("garbage")).isEmpty();
    }

    private Path executable(String name) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
