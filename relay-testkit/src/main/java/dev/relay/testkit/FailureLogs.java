package dev.relay.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a server log next to the build output when a test fails, to
 * {@code target/nats-server-logs/<TestClass>-<method>.log} (relative to the working directory, the
 * module directory under Maven; override with {@value #LOG_DIR_PROPERTY}). Thread-safe (stateless).
 */
final class FailureLogs {

    /** System property naming the directory logs of failed tests are copied to. */
    static final String LOG_DIR_PROPERTY = "relay.testkit.logDir";
    static final String DEFAULT_LOG_DIR = "target/nats-server-logs";

    private static final Logger LOG = LoggerFactory.getLogger(FailureLogs.class);

    private FailureLogs() {
    }

    /** Returns the directory failed-test logs go to. */
    static Path directory() {
        return Path.of(System.getProperty(LOG_DIR_PROPERTY, DEFAULT_LOG_DIR));
    }

    /** Returns the file a log for {@code testName} is copied to. */
    static Path target(String testName) {
        return directory().resolve(testName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    }

    /**
     * Copies the server's log; a copy failure is logged, never thrown, so it cannot hide the
     * test failure that triggered it.
     */
    static void copy(NatsServer server, String testName) {
        Path target = target(testName);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(server.logFile(), target, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("{} failed; nats-server log copied to {}", testName, target.toAbsolutePath());
        } catch (IOException e) {
            LOG.warn("{} failed; could not copy nats-server log {} to {}: {}",
                    testName, server.logFile(), target, e.toString());
        }
    }
}
