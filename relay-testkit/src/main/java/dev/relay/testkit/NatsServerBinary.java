package dev.relay.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locates the nats-server executable and runs its one-shot commands ({@code --version},
 * {@code --signal}). Thread-safe (stateless).
 *
 * <p>Search order: env {@value #ENV_VAR}, then {@code nats-server} on {@code PATH}, then
 * {@code /usr/bin/nats-server} and {@code /usr/sbin/nats-server} (Debian installs it in sbin).
 */
final class NatsServerBinary {

    static final String ENV_VAR = "RELAY_NATS_SERVER";
    static final List<Path> FALLBACKS = List.of(Path.of("/usr/bin/nats-server"), Path.of("/usr/sbin/nats-server"));

    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+\\S*)");
    private static final long TOOL_TIMEOUT_SECONDS = 10;

    private NatsServerBinary() {
    }

    /** Locates the binary using this process's environment. */
    static Path locate() {
        return locate(System.getenv(), FALLBACKS);
    }

    /**
     * Locates the binary using the given environment.
     *
     * @throws NatsServerNotFoundException if the env var points nowhere or nothing is found
     */
    static Path locate(Map<String, String> env, List<Path> fallbacks) {
        String explicit = env.get(ENV_VAR);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new NatsServerNotFoundException(ENV_VAR + "=" + explicit + " is not an executable file");
        }
        List<Path> candidates = new ArrayList<>();
        String pathVar = env.getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nats-server"));
            }
        }
        candidates.addAll(fallbacks);
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new NatsServerNotFoundException("nats-server not found (looked at $"
                        + ENV_VAR + ", PATH and " + fallbacks + "). Install it with "
                        + "`apt-get install -y nats-server` or set " + ENV_VAR + " to the binary."));
    }

    /** Returns the version printed by {@code nats-server --version}, e.g. {@code 2.9.10}. */
    static String version(Path binary) {
        String out = run(List.of(binary.toString(), "--version"));
        return parseVersion(out).orElseThrow(() -> new NatsServerException(
                "cannot parse version from '" + out.strip() + "'"));
    }

    /** Extracts {@code 2.9.10} from output such as {@code nats-server: v2.9.10}. */
    static Optional<String> parseVersion(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Sends a signal with {@code nats-server --signal NAME=PID}; {@code ldm} enters lame duck mode
     * (SIGUSR2 in 2.9).
     *
     * @throws NatsServerException if the tool fails, e.g. because the process is gone
     */
    static void signal(Path binary, String signal, long pid) {
        run(List.of(binary.toString(), "--signal", signal + "=" + pid));
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
