package dev.relay.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the nats-server executables a test may run (the pinned current one and Debian's 2.9.10), picks
 * one by default or by version, and runs their one-shot commands ({@code --version}, {@code --signal}).
 * Thread-safe (the only state is a concurrent cache of versions by path).
 *
 * <p>The default server, in this order: the explicit choice ({@value #PROPERTY} system property, else
 * env {@value #ENV_VAR}); the current server the build pins ({@value #CURRENT_PROPERTY}, set by the
 * root pom and {@code run-tests}; when set, the file must exist); the newest
 * {@code ~/.cache/relay/nats-server/v*}{@code /nats-server} that {@code scripts/nats-server.sh} built
 * (for runs outside Maven, such as {@code relay demo}); then {@code nats-server} on {@code PATH},
 * {@code /usr/bin} and {@code /usr/sbin} (Debian installs it in sbin).
 *
 * <p>A version request ({@code @NatsServerOptions(version = "2.9")}) takes the first of all those
 * places whose {@code --version} matches, so Debian's 2.9.10 is found even when the current one is the
 * default.
 */
final class NatsServerBinary {

    static final String ENV_VAR = "RELAY_NATS_SERVER";
    static final String PROPERTY = "relay.nats.server";
    static final String CURRENT_PROPERTY = "relay.nats.server.current";
    static final List<Path> FALLBACKS = List.of(Path.of("/usr/bin/nats-server"), Path.of("/usr/sbin/nats-server"));

    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+\\S*)");
    private static final Pattern CACHED_VERSION_DIR = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final long TOOL_TIMEOUT_SECONDS = 10;
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();
    private static final String HOW_TO_INSTALL = "Debian's 2.9.10: `apt-get install -y nats-server`; the pinned "
            + "current one: `scripts/nats-server.sh install` (./run-tests does it); any other: set "
            + ENV_VAR + "=/path/to/nats-server";

    /**
     * Where to look: this process's settings, or fixed ones in unit tests.
     *
     * @param explicit the {@value #PROPERTY} property or {@value #ENV_VAR} value, may be null
     * @param current the {@value #CURRENT_PROPERTY} value, may be null
     * @param cacheDir the folder holding {@code vX.Y.Z/nats-server} builds
     * @param pathVar the {@code PATH} variable
     * @param fallbacks fixed locations tried last
     */
    record Places(String explicit, String current, Path cacheDir, String pathVar, List<Path> fallbacks) {

        /** The settings of this JVM: system properties first, then the environment. */
        static Places ofThisProcess() {
            String explicit = System.getProperty(PROPERTY);
            if (explicit == null || explicit.isBlank()) {
                explicit = System.getenv(ENV_VAR);
            }
            String cacheHome = Optional.ofNullable(System.getenv("RELAY_CACHE_DIR"))
                    .filter(s -> !s.isBlank()).orElse(System.getProperty("user.home") + "/.cache/relay");
            return new Places(explicit, System.getProperty(CURRENT_PROPERTY), Path.of(cacheHome, "nats-server"),
                    Optional.ofNullable(System.getenv("PATH")).orElse(""), FALLBACKS);
        }

        /** The same places with an environment map, as the old {@code RELAY_NATS_SERVER}/{@code PATH} search. */
        static Places ofEnv(Map<String, String> env, List<Path> fallbacks) {
            return new Places(env.get(ENV_VAR), null, Path.of("/nonexistent-relay-cache"),
                    env.getOrDefault("PATH", ""), fallbacks);
        }
    }

    private NatsServerBinary() {
    }

    /** Locates the default binary using this process's settings. */
    static Path locate() {
        return locate(Places.ofThisProcess());
    }

    /**
     * Locates the binary for a version request, or the default one for an empty request.
     *
     * @param version a version or its prefix ({@code 2.9}, {@code 2.9.10}); blank means the default
     * @throws NatsServerNotFoundException if no known binary has that version
     */
    static Path locate(String version) {
        return version == null || version.isBlank() ? locate()
                : locate(Places.ofThisProcess(), version, NatsServerBinary::version);
    }

    /** Locates the default binary using the given environment only (no properties, no cache). */
    static Path locate(Map<String, String> env, List<Path> fallbacks) {
        return locate(Places.ofEnv(env, fallbacks));
    }

    /**
     * Locates the default binary: explicit, else current, else the newest cached build, else PATH and
     * the fallbacks.
     *
     * @throws NatsServerNotFoundException if the explicit or current setting points nowhere, or nothing is found
     */
    static Path locate(Places places) {
        if (places.explicit() != null && !places.explicit().isBlank()) {
            return executableOrThrow(places.explicit(), PROPERTY + " / " + ENV_VAR);
        }
        if (places.current() != null && !places.current().isBlank()) {
            return executableOrThrow(places.current(), CURRENT_PROPERTY + " (the build's pinned current server)");
        }
        List<Path> candidates = new ArrayList<>(cachedBuilds(places.cacheDir()));
        candidates.addAll(onPathAndFallbacks(places));
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new NatsServerNotFoundException("nats-server not found (looked at -D" + PROPERTY
                        + ", $" + ENV_VAR + ", -D" + CURRENT_PROPERTY + ", " + places.cacheDir() + ", PATH and "
                        + places.fallbacks() + "). Install one: " + HOW_TO_INSTALL + "."));
    }

    /**
     * Locates the first known binary whose version matches a request.
     *
     * @param version a version or its prefix, e.g. {@code 2.9} matches 2.9.10 but not 2.90.0
     * @param versionOf reads a binary's version (injected so unit tests need no real binary)
     * @throws NatsServerNotFoundException naming every binary seen and its version, if none matches
     */
    static Path locate(Places places, String version, Function<Path, String> versionOf) {
        Set<Path> candidates = new LinkedHashSet<>();
        for (String setting : new String[] {places.explicit(), places.current()}) {
            if (setting != null && !setting.isBlank()) {
                candidates.add(Path.of(setting));
            }
        }
        candidates.addAll(cachedBuilds(places.cacheDir()));
        candidates.addAll(onPathAndFallbacks(places));
        List<String> seen = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            String found;
            try {
                found = versionOf.apply(candidate);
            } catch (NatsServerException e) {
                seen.add(candidate + " (" + e.getMessage() + ")");
                continue;
            }
            if (matches(found, version)) {
                return candidate;
            }
            seen.add(candidate + " (" + found + ")");
        }
        throw new NatsServerNotFoundException("no nats-server " + version + " found; "
                + (seen.isEmpty() ? "found no nats-server at all" : "found " + String.join(", ", seen))
                + ". Install one: " + HOW_TO_INSTALL + ".");
    }

    /** Whether {@code found} (e.g. {@code 2.9.10}) is {@code wanted} or starts with it as whole components. */
    static boolean matches(String found, String wanted) {
        String w = wanted.startsWith("v") ? wanted.substring(1) : wanted;
        return found.equals(w) || found.startsWith(w + ".") || found.startsWith(w + "-");
    }

    /** The {@code vX.Y.Z/nats-server} builds under the cache folder, newest version first. */
    static List<Path> cachedBuilds(Path cacheDir) {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cacheDir)) {
            for (Path entry : entries) {
                if (CACHED_VERSION_DIR.matcher(entry.getFileName().toString()).matches()) {
                    dirs.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of(); // an unreadable cache is no cache; the other places are still searched
        }
        Comparator<Path> byVersion = Comparator.comparing(NatsServerBinary::versionKey);
        return dirs.stream().sorted(byVersion.reversed()).map(d -> d.resolve("nats-server"))
                .collect(Collectors.toList());
    }

    /** Returns the version printed by {@code nats-server --version}, e.g. {@code 2.9.10}; cached per path. */
    static String version(Path binary) {
        return VERSIONS.computeIfAbsent(binary.toAbsolutePath(), b -> {
            String out = run(List.of(b.toString(), "--version"));
            return parseVersion(out).orElseThrow(() -> new NatsServerException(
                    "cannot parse version from '" + out.strip() + "'"));
        });
    }

    /** Extracts {@code 2.9.10} from output such as {@code nats-server: v2.9.10}. */
    static Optional<String> parseVersion(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Sends a signal with {@code nats-server --signal NAME=PID}; {@code ldm} enters lame duck mode
     * (SIGUSR2).
     *
     * @throws NatsServerException if the tool fails, e.g. because the process is gone
     */
    static void signal(Path binary, String signal, long pid) {
        run(List.of(binary.toString(), "--signal", signal + "=" + pid));
    }

    private static Path executableOrThrow(String setting, String source) {
        Path path = Path.of(setting);
        if (Files.isExecutable(path)) {
            return path;
        }
        throw new NatsServerNotFoundException(source + " = " + setting + " is not an executable file. "
                + "Install one: " + HOW_TO_INSTALL + ".");
    }

    private static List<Path> onPathAndFallbacks(Places places) {
        List<Path> out = new ArrayList<>();
        for (String dir : places.pathVar().split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                out.add(Path.of(dir, "nats-server"));
            }
        }
        out.addAll(places.fallbacks());
        return out;
    }

    /** {@code v2.15.3} → a string that sorts numerically: {@code 00002.00015.00003}. */
    private static String versionKey(Path dir) {
        Matcher m = CACHED_VERSION_DIR.matcher(dir.getFileName().toString());
        m.matches();
        return String.format("%05d.%05d.%05d", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // The tools print a line or two, so reading to EOF before waiting cannot fill a pipe.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NatsServerException(command + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new NatsServerException(command + " exited with " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new NatsServerException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while running " + command, e);
        }
    }
}
