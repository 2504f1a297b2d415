package dev.relay.nats.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded whatever the object's size: a JVM limited to a 64 MiB heap puts a 256 MiB object
 * and reads it back byte for byte (an {@code OutOfMemoryError} would fail the child and so the test).
 */
@NatsTest
@NatsServerOptions(jetStream = true)
class LargeObjectIT {
    private static final int SIZE_MIB = 256;
    private static final long LIMIT_SECONDS = 300;

    @Test
    void a256MibObjectGoesThroughA64MibHeap(NatsServer server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of("target", "large-object-probe.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
            "-cp", System.getProperty("java.class.path"), LargeObjectProbe.class.getName(), server.url(), "large",
            Integer.toString(SIZE_MIB)))
            .redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("probe ended within %d s; output:%n%s", LIMIT_SECONDS, output).isTrue();
        assertThat(p.exitValue()).as("probe exit; output:%n%s", output).isZero();
        assertThat(output).contains("OK size=" + SIZE_MIB + " MiB").contains("maxHeap=");
    }
}
