package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory layout of one server: config file, log file, JetStream store and ports
 * directory, plus its deletion. Immutable; deletion is best effort and safe to repeat.
 *
 * @param workDir the temporary root, {@code relay-nats-*}
 * @param configFile the rendered config, {@code nats-server.conf}
 * @param logFile stdout and stderr of every process run, appended across restarts
 * @param storeDir the JetStream {@code store_dir}; kept across restarts
 * @param portsDir where nats-server writes {@code <exe>_<pid>.ports} once it listens
 */
record ServerFiles(Path workDir, Path configFile, Path logFile, Path storeDir, Path portsDir) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerFiles.class);

    /** Creates a fresh temporary layout. */
    static ServerFiles create() {
        try {
            Path work = Files.createTempDirectory("relay-nats-");
            Path store = Files.createDirectory(work.resolve("jetstream"));
            Path ports = Files.createDirectory(work.resolve("ports"));
            return new ServerFiles(work, work.resolve("nats-server.conf"), work.resolve("nats-server.log"),
                    store, ports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for nats-server", e);
        }
    }

    /** Deletes everything. */
    void deleteAll() {
        deleteTree(workDir);
    }

    /** Deletes the store and ports directories but keeps the config and log files. */
    void deleteAllButLogs() {
        deleteTree(storeDir);
        deleteTree(portsDir);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
