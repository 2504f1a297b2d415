package dev.relay.rocketmq.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real RocketMQ 5.3.3 name server + broker ({@link EmbeddedRocketMq}) in a separate JVM on free
 * loopback ports, started from this JVM's test classpath; plain, ACL 2.0 or enforced TLS. Blocks in
 * {@link #start} until the broker is registered; {@link #close()} stops the JVM and deletes its
 * files. Thread-safe.
 *
 * <p>{@code try (RocketMqServer s = RocketMqServer.start(RocketMqServer.Mode.PLAIN)) { s.nameServer(); }}
 */
public final class RocketMqServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocketMqServer.class);
    /** The ACL super user of {@link Mode#ACL}. */
    public static final String ACL_USER = "rocketmq2";
    /** Its password (secret key). */
    public static final String ACL_PASSWORD = "12345678";

    /** Which server variant to run. */
    public enum Mode {
        /** No authentication, plaintext only. */
        PLAIN,
        /** ACL 2.0 authentication and authorization; super user {@link #ACL_USER}. */
        ACL,
        /** TLS enforced with a certificate for 127.0.0.1 signed by {@link #caCertificate()}. */
        TLS
    }

    private final Mode mode;
    private final Path dir;
    private final List<String> command;
    private final int nsPort;
    private final int brokerPort;
    private volatile Process process;

    private RocketMqServer(Mode mode, Path dir, List<String> command, int nsPort, int brokerPort) {
        this.mode = mode;
        this.dir = dir;
        this.command = List.copyOf(command);
        this.nsPort = nsPort;
        this.brokerPort = brokerPort;
    }

    /**
     * Starts a server and waits until it is ready (up to 90 s).
     *
     * @param mode the variant
     * @return the running server
     * @throws IllegalStateException if it does not become ready; its log is in the message
     */
    public static RocketMqServer start(Mode mode) {
        return start(mode, List.of());
    }

    /**
     * Starts a server with extra JVM options (e.g. {@code -Drocketmq.serialize.type=ROCKETMQ}) and waits
     * until it is ready.
     *
     * @param mode the variant
     * @param jvmOptions extra options for the server JVM
     * @return the running server
     */
    public static RocketMqServer start(Mode mode, List<String> jvmOptions) {
        return launch(mode, jvmOptions, freePort());
    }

    /**
     * Starts one more broker (named {@code brokerName}, in its own JVM) that registers with this
     * server's name server, so tests see a two-broker cluster; plain mode only.
     *
     * @param brokerName e.g. {@code broker-b}
     * @return the broker's process handle ({@link #brokerAddress()}, {@link #stop()}, {@link #close()})
     */
    public RocketMqServer startBroker(String brokerName) {
        if (mode != Mode.PLAIN) {
            throw new IllegalStateException("extra brokers are only supported in PLAIN mode");
        }
        return launch(mode, List.of("-Drmq.brokerOnly=true", "-Drmq.brokerName=" + brokerName), nsPort);
    }

    private static RocketMqServer launch(Mode mode, List<String> jvmOptions, int nsPort) {
        Path dir;
        try {
            dir = Files.createTempDirectory("relay-rmq-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = freeBrokerPort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms128m", "-Xmx384m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Duser.home=" + dir, "-Drmq.dir=" + dir, "-Drmq.nsPort=" + nsPort, "-Drmq.brokerPort=" + brokerPort));
        switch (mode) {
            case PLAIN -> cmd.add("-Dtls.server.mode=disabled");
            case ACL -> cmd.addAll(List.of("-Dtls.server.mode=disabled", "-Drmq.auth=v2",
                "-Drmq.authUser=" + ACL_USER, "-Drmq.authPassword=" + ACL_PASSWORD));
            case TLS -> {
                TestCertificates.create(dir);
                cmd.addAll(List.of("-Dtls.server.mode=enforcing", "-Dtls.test.mode.enable=false",
                    "-Dtls.server.certPath=" + dir.resolve("server.pem"), "-Dtls.server.keyPath=" + dir.resolve("server.key")));
            }
            default -> throw new IllegalArgumentException(mode.toString());
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddedRocketMq.class.getName()));
        RocketMqServer server = new RocketMqServer(mode, dir, cmd, nsPort, brokerPort);
        server.spawn();
        return server;
    }

    /**
     * Stops the server JVM (its store stays) and starts it again on the same ports; blocks until ready.
     * For tests of what clients do while the broker is away and when it returns.
     */
    public void restart() {
        stop();
        spawn();
    }

    /** Stops the server JVM, keeping its files, so clients see it gone; {@link #restart()} brings it back. */
    public void stop() {
        Process p = process;
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the server's stdin: {}", e.toString());
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private void spawn() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RocketMQ JVM", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        CountDownLatch ready = new CountDownLatch(1);
        Path log = dir.resolve("server.log");
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                LOG.debug("RocketMQ log pump ended: {}", e.toString());
            }
        }, "rocketmq-server-log");
        pump.setDaemon(true);
        pump.start();
        long start = System.nanoTime();
        try {
            boolean ok = false;
            while (!ok && process.isAlive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
                ok = ready.await(200, TimeUnit.MILLISECONDS);
            }
            if (!ok) {
                String text = Files.exists(log) ? Files.readString(log) : "";
                close();
                throw new IllegalStateException("RocketMQ server (" + mode + ") did not become ready; log:\n"
                    + text.substring(Math.max(0, text.length() - 4000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted waiting for the RocketMQ server", e);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        LOG.info("RocketMQ {} ready in {} ms: ns {} broker {}", mode,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), nameServer(), brokerAddress());
    }

    /** @return the name server's {@code 127.0.0.1:port} */
    public String nameServer() {
        return "127.0.0.1:" + nsPort;
    }

    /** @return the broker's {@code 127.0.0.1:port} */
    public String brokerAddress() {
        return "127.0.0.1:" + brokerPort;
    }

    /** @return the variant */
    public Mode mode() {
        return mode;
    }

    /** @return the CA that signed the server certificate ({@link Mode#TLS} only) */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** @return a CA that did not sign the server certificate ({@link Mode#TLS} only) */
    public Path otherCaCertificate() {
        return dir.resolve("other-ca.pem");
    }

    /** @return the server's log so far */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** @return whether the server JVM is running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the JVM (closing its stdin makes it halt; killed after 10 s) and deletes its files. */
    @Override
    public void close() {
        stop();
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", root, e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port p with p-2 (fast channel) and p+1 (HA) free too. */
    private static int freeBrokerPort() {
        for (int i = 0; i < 50; i++) {
            int p = freePort();
            if (p > 1026 && p < 65534 && isFree(p - 2) && isFree(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no free broker port with free neighbours");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
