package dev.relay.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real nats-server process on 127.0.0.1 for tests: start, stop, crash, restart and lame duck.
 * Thread-safe: lifecycle calls are serialised by one lock, accessors read volatile state.
 *
 * <p>{@code try (NatsServer server = NatsServer.start()) { connect(server.url()); server.restart(); }}
 */
public final class NatsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
    private static final long JVM_EXIT_WAIT_MS = 2_000;

    private final NatsServerConfig config;
    private final ServerFiles files;
    private final Path binary;
    private final ServerLauncher launcher;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Process process;
    private volatile int port;
    private volatile String infoLine;
    private volatile boolean closed;
    private volatile boolean detached;

    private NatsServer(NatsServerConfig config, ServerFiles files, Path binary, IntSupplier portPicker) {
        this.config = config;
        this.files = files;
        this.binary = binary;
        this.launcher = new ServerLauncher(binary, config, files, portPicker);
    }

    /**
     * Starts a server with the defaults (JetStream on, free port) and waits until it greets clients.
     *
     * @return the running server; close it when done
     * @throws NatsServerNotFoundException if nats-server is not installed
     * @throws NatsServerException if it does not start; the message holds the log tail
     */
    public static NatsServer start() {
        return start(NatsServerConfig.defaults());
    }

    /**
     * Starts a server and blocks until its INFO greeting arrives (at most {@code startTimeout}).
     *
     * <p>{@code NatsServer s = NatsServer.start(NatsServerConfig.builder().jetStream(false).build());}
     *
     * @param config what to start
     * @return the running server; close it when done
     * @throws NatsServerNotFoundException if nats-server is not installed
     * @throws NatsServerException if it does not start; the message holds the log tail
     */
    public static NatsServer start(NatsServerConfig config) {
        return start(config, FreePorts::loopback);
    }

    /** Starts with an injectable port picker, so tests can force a port race. */
    static NatsServer start(NatsServerConfig config, IntSupplier portPicker) {
        Path binary = NatsServerBinary.locate(config.serverVersion().orElse(""));
        ServerFiles files = ServerFiles.create();
        NatsServer server = new NatsServer(config, files, binary, portPicker);
        ProcessReaper.register(server);
        try {
            boolean autoPort = config.port() == 0;
            server.launch(autoPort ? portPicker.getAsInt() : config.port(), autoPort);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return {@code nats://127.0.0.1:PORT} */
    public String url() {
        return "nats://" + host() + ":" + port;
    }

    /** @return always {@code 127.0.0.1}; the server binds loopback only */
    public String host() {
        return ServerLauncher.HOST;
    }

    /** @return the client port; stays the same across {@link #restart()} */
    public int port() {
        return port;
    }

    /** @return the nats-server executable this server runs */
    public Path binary() {
        return binary;
    }

    /** @return the configuration this server was started with */
    public NatsServerConfig config() {
        return config;
    }

    /** @return the rendered config file passed to {@code nats-server -c} */
    public Path configFile() {
        return files.configFile();
    }

    /** @return the file holding stdout and stderr of every run, appended across restarts */
    public Path logFile() {
        return files.logFile();
    }

    /** @return the JetStream store directory; it survives {@link #restart()} */
    public Path storeDir() {
        return files.storeDir();
    }

    /** @return the temporary directory holding config, log and store */
    public Path workDir() {
        return files.workDir();
    }

    /** @return the OS pid of the current (or last) process */
    public long pid() {
        return process.pid();
    }

    /** @return whether the current process is alive (false after stop, kill, or a lame duck exit) */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** @return the JSON body of the INFO greeting read when the server last became ready */
    public String serverInfo() {
        return InfoJson.body(infoLine);
    }

    /**
     * Returns the version of the server that runs, e.g. {@code 2.15.3} (the pinned current one, the
     * default) or {@code 2.9.10} (Debian's, when the config asked for it), from the INFO greeting (or,
     * failing that, {@code nats-server --version}).
     *
     * @return the version without a leading {@code v}
     */
    public String version() {
        return InfoJson.stringField(serverInfo(), "version").orElseGet(() -> NatsServerBinary.version(binary));
    }

    /**
     * Returns the last lines of the server log, for diagnostics.
     *
     * @param lines how many lines, at least 0
     * @return the lines joined by {@code \n}; empty if nothing was logged
     */
    public String logTail(int lines) {
        return LogFiles.tail(files.logFile(), lines);
    }

    /**
     * Stops the server gracefully: SIGTERM, wait up to {@code stopTimeout}, then SIGKILL. Blocks
     * until the process is gone. Does nothing if it is not running.
     */
    public void stop() {
        lock.lock();
        try {
            stopLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Kills the process with SIGKILL at once, simulating a crash; blocks until it is gone. */
    public void kill() {
        lock.lock();
        try {
            Process p = process;
            if (p != null && p.isAlive()) {
                LOG.debug("Killing nats-server pid {}", p.pid());
                ServerLauncher.destroy(p);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the server if it runs, then starts it again on the same port with the same store
     * directory, blocking until it greets clients (at most {@code startTimeout}).
     *
     * @throws IllegalStateException if the server was closed
     * @throws NatsServerException if it does not come back, e.g. the port was taken meanwhile
     */
    public void restart() {
        lock.lock();
        try {
            ensureOpen();
            stopLocked();
            launch(port, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts the server into lame duck mode ({@code nats-server --signal ldm=PID}, SIGUSR2) and
     * returns at once. nats-server 2.9 then closes its listener (new connections are refused), sends
     * clients that sent CONNECT an INFO with {@code "ldm":true}, closes them after
     * {@code lame_duck_grace_period} (default 10 s) and exits; see {@link #awaitExit(Duration)}.
     *
     * @throws IllegalStateException if the server is not running
     * @throws NatsServerException if the signal cannot be sent
     */
    public void lameDuck() {
        lock.lock();
        try {
            ensureOpen();
            if (!isRunning()) {
                throw new IllegalStateException("nats-server is not running; cannot enter lame duck mode");
            }
            NatsServerBinary.signal(binary, "ldm", process.pid());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the current process exits on its own, e.g. at the end of lame duck mode.
     *
     * @param timeout the longest to wait
     * @return true if the process has exited, false on timeout
     */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while waiting for nats-server to exit", e);
        }
    }

    /**
     * Lets the process outlive this JVM, e.g. for {@code relay demo --keep}: removes the server from
     * the shutdown hook's list and keeps its temporary directory (config, log, JetStream store). From
     * then on {@link #close()} does nothing; {@link #stop()} and {@link #kill()} still act on the
     * process, and outside this JVM it is stopped with {@code kill PID} ({@link #pid()}). Idempotent.
     *
     * <p>{@code NatsServer s = NatsServer.start(); s.detach(); print("kill " + s.pid());}
     *
     * @throws IllegalStateException if the server was closed
     */
    public void detach() {
        lock.lock();
        try {
            ensureOpen();
            detached = true;
        } finally {
            lock.unlock();
        }
        ProcessReaper.unregister(this);
    }

    /**
     * Stops the server and deletes its temporary files (the config and log stay when
     * {@code keepLogsOnClose} is set). Idempotent. Does nothing to a {@link #detach() detached} server.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (detached) {
                return;
            }
            stopLocked();
            if (config.keepLogsOnClose()) {
                files.deleteAllButLogs();
            } else {
                files.deleteAll();
            }
        } finally {
            lock.unlock();
            ProcessReaper.unregister(this);
        }
    }

    @Override
    public String toString() {
        return "NatsServer{" + url() + ", running=" + isRunning() + ", workDir=" + files.workDir() + "}";
    }

    /**
     * Called from the JVM shutdown hook: SIGKILL and delete the files, without the lock (a test
     * thread may hold it while the JVM exits) and with a short bounded wait.
     */
    void killOnJvmExit() {
        Process p = process;
        try {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(JVM_EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!config.keepLogsOnClose()) {
            files.deleteAll();
        }
    }

    private void launch(int onPort, boolean mayRepick) {
        ServerLauncher.Launched launched = launcher.launch(onPort, mayRepick);
        this.process = launched.process();
        this.port = launched.port();
        this.infoLine = launched.infoLine();
        LOG.debug("Started nats-server pid {} at {}", launched.process().pid(), url());
    }

    private void stopLocked() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: nats-server shuts down cleanly, flushing JetStream
        try {
            if (!p.waitFor(config.stopTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("nats-server pid {} ignored SIGTERM for {}; killing it", p.pid(), config.stopTimeout());
                ServerLauncher.destroy(p);
            }
        } catch (InterruptedException e) {
            ServerLauncher.destroy(p);
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while stopping nats-server", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("nats-server at " + url() + " was closed");
        }
    }
}
