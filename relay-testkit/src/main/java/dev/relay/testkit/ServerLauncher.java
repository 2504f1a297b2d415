package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns one nats-server process for a server's files: renders the config file, runs
 * {@code nats-server -c FILE}, waits for readiness and retries on a lost port race. Called only by
 * {@link NatsServer} under its lifecycle lock; not thread-safe on its own.
 *
 * <p>stdout and stderr are appended to the log file instead of using {@code -l}: nats-server 2.9
 * prints config errors to stderr before any log file is opened, and one stream keeps lines in order.
 */
final class ServerLauncher {

    static final String HOST = "127.0.0.1";
    static final int MAX_PORT_RETRIES = 3;
    static final int FAILURE_LOG_LINES = 30;

    /** nats-server 2.9 logs {@code [FTL] Error listening on port: ... bind: address already in use}. */
    private static final String ADDRESS_IN_USE = "address already in use";
    private static final long KILL_WAIT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ServerLauncher.class);

    private final Path binary;
    private final NatsServerConfig config;
    private final ServerFiles files;
    private final IntSupplier portPicker;

    /** A process that greeted us, the port it listens on and its INFO line. */
    record Launched(Process process, int port, String infoLine) {
    }

    ServerLauncher(Path binary, NatsServerConfig config, ServerFiles files, IntSupplier portPicker) {
        this.binary = binary;
        this.config = config;
        this.files = files;
        this.portPicker = portPicker;
    }

    /**
     * Starts a process on {@code port} and waits until it is ready.
     *
     * @param mayRepick whether the port was auto-picked, so a taken port may be replaced
     * @throws NatsServerException with the log tail if it exits early or does not greet in time
     */
    Launched launch(int port, boolean mayRepick) {
        for (int retry = 0; ; retry++) {
            long logOffset = LogFiles.size(files.logFile());
            String configText = writeConfig(port);
            Process process = spawn();
            ReadinessProbe.Result result = awaitReady(process, port);
            if (result.outcome() == ReadinessProbe.Outcome.READY) {
                LOG.debug("nats-server pid {} ready on {}:{}", process.pid(), HOST, port);
                return new Launched(process, port, result.infoLine());
            }
            destroy(process);
            boolean portTaken = LogFiles.readFrom(files.logFile(), logOffset).contains(ADDRESS_IN_USE);
            if (portTaken && mayRepick && retry < MAX_PORT_RETRIES) {
                int next = portPicker.getAsInt();
                LOG.info("Port {} was taken before nats-server could bind it; retrying on {}", port, next);
                port = next;
                continue;
            }
            throw failure(result, process, port, configText, portTaken, mayRepick);
        }
    }

    /** Returns the {@code server_name} used for a port: the configured one or {@code relay-<port>}. */
    String serverName(int port) {
        return config.name().orElse("relay-" + port);
    }

    private String writeConfig(int port) {
        var values = new ConfigRenderer.Values(HOST, port, files.storeDir(), serverName(port));
        String text = ConfigRenderer.render(config, values);
        try {
            Files.writeString(files.configFile(), text, StandardCharsets.UTF_8);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.configFile(), e);
        }
    }

    private Process spawn() {
        List<String> command = List.of(binary.toString(), "-c", files.configFile().toString(),
                "--ports_file_dir", files.portsDir().toString());
        try {
            Process process = new ProcessBuilder(command)
                    .directory(files.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(files.logFile().toFile()))
                    .start();
            process.getOutputStream().close(); // nats-server never reads stdin
            return process;
        } catch (IOException e) {
            throw new NatsServerException("cannot run " + command, e);
        }
    }

    private ReadinessProbe.Result awaitReady(Process process, int port) {
        try {
            return ReadinessProbe.await(process, port, files.portsDir(), config.startTimeout());
        } catch (InterruptedException e) {
            destroy(process);
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while waiting for nats-server to start", e);
        }
    }

    /** Kills a process at once and waits (bounded) until it is gone. */
    static void destroy(Process process) {
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("nats-server pid {} still alive {} s after SIGKILL", process.pid(), KILL_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NatsServerException failure(ReadinessProbe.Result result, Process process, int port,
            String configText, boolean portTaken, boolean mayRepick) {
        String reason;
        if (portTaken) {
            reason = "port " + port + " is already in use"
                    + (mayRepick ? " (after " + MAX_PORT_RETRIES + " retries on other ports)" : " (fixed port)");
        } else if (result.outcome() == ReadinessProbe.Outcome.EXITED) {
            reason = "the process exited with code " + process.exitValue();
        } else {
            reason = "no INFO greeting within " + config.startTimeout();
        }
        return new NatsServerException("nats-server failed to start on " + HOST + ":" + port + ": " + reason
                + "\n--- config " + files.configFile() + " ---\n" + numbered(configText)
                + "--- last " + FAILURE_LOG_LINES + " lines of " + files.logFile() + " ---\n"
                + LogFiles.tail(files.logFile(), FAILURE_LOG_LINES));
    }

    private static String numbered(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            out.append(String.format("%3d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }
}
