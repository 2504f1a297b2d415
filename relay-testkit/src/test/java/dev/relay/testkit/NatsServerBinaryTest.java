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

/** Unit tests of {@link NatsServerBinary}'s search order, version choice, error messages and version parsing. */
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
    void explicitChoiceBeatsTheCurrentServerWhichBeatsCacheAndPath() throws IOException {
        Path explicit = executable("custom-nats");
        Path current = executable("current-nats");
        Path cached = cachedBuild("v2.14.0");
        Path onPath = executable("nats-server");
        Path cache = cached.getParent().getParent();
        assertThat(NatsServerBinary.locate(places(explicit.toString(), current.toString(), cache))).isEqualTo(explicit);
        assertThat(NatsServerBinary.locate(places(null, current.toString(), cache))).isEqualTo(current);
        assertThat(NatsServerBinary.locate(places(null, null, cache))).isEqualTo(cached);
        assertThat(NatsServerBinary.locate(places(null, null, dir.resolve("no-cache")))).isEqualTo(onPath);
    }

    @Test
    void aCurrentServerTheBuildNamesButNobodyBuiltIsAnErrorNotASilentFallback() throws IOException {
        executable("nats-server");
        String missing = dir.resolve("cache/v9.9.9/nats-server").toString();
        assertThatThrownBy(() -> NatsServerBinary.locate(places(null, missing, dir.resolve("cache"))))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining(missing).hasMessageContaining("scripts/nats-server.sh install");
    }

    @Test
    void theNewestCachedBuildComesFirstComparingNumbersNotText() throws IOException {
        Path v2_9 = cachedBuild("v2.9.25");
        Path v2_15 = cachedBuild("v2.15.3");
        Files.createDirectories(dir.resolve("cache/.build.x1"));
        assertThat(NatsServerBinary.cachedBuilds(dir.resolve("cache"))).containsExactly(v2_15, v2_9);
    }

    @Test
    void aVersionRequestTakesTheFirstBinaryOfThatVersionWhereverItIs() throws IOException {
        Path current = cachedBuild("v2.15.3");
        Path debian = executable("nats-server");
        Map<Path, String> versions = Map.of(current, "2.15.3", debian, "2.9.10");
        NatsServerBinary.Places places = places(null, current.toString(), dir.resolve("cache"));
        assertThat(NatsServerBinary.locate(places, "2.9", versions::get)).isEqualTo(debian);
        assertThat(NatsServerBinary.locate(places, "v2.9.10", versions::get)).isEqualTo(debian);
        assertThat(NatsServerBinary.locate(places, "2.15", versions::get)).isEqualTo(current);
        assertThatThrownBy(() -> NatsServerBinary.locate(places, "2.11", versions::get))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining("no nats-server 2.11")
                .hasMessageContaining(current + " (2.15.3)").hasMessageContaining(debian + " (2.9.10)");
    }

    @Test
    void aVersionPrefixMatchesWholeComponentsOnly() {
        assertThat(NatsServerBinary.matches("2.9.10", "2.9")).isTrue();
        assertThat(NatsServerBinary.matches("2.9.10", "2.9.10")).isTrue();
        assertThat(NatsServerBinary.matches("2.10.0-beta.1", "2.10.0")).isTrue();
        assertThat(NatsServerBinary.matches("2.90.0", "2.9")).isFalse();
        assertThat(NatsServerBinary.matches("2.9.10", "2.9.1")).isFalse();
    }

    @Test
    void parsesVersionOutput() {
        assertThat(NatsServerBinary.parseVersion("nats-server: v2.9.10\n")).contains("2.9.10");
        assertThat(NatsServerBinary.parseVersion("nats-server: v2.10.0-beta.1")).contains("2.10.0-beta.1");
        assertThat(NatsServerBinary.parseVersion("garbage")).isEmpty();
    }

    private NatsServerBinary.Places places(String explicit, String current, Path cache) {
        return new NatsServerBinary.Places(explicit, current, cache, dir.toString(), List.of());
    }

    private Path cachedBuild(String versionDir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("cache").resolve(versionDir));
        return executable(dir.relativize(d.resolve("nats-server")).toString());
    }

    private Path executable(String name) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
