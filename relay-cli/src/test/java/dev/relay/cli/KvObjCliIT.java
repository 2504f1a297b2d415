package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay kv} and {@code relay obj} against a real nats-server with JetStream. */
@NatsTest
@NatsServerOptions(jetStream = true)
class KvObjCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kvCommands(NatsServer server) throws Exception {
        String s = server.url();
        Cli.Result add = Cli.run("-s", s, "kv", "add", "cfg", "--history", "5", "--storage", "memory");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Created bucket cfg").contains("History:        5");
        assertThat(Cli.run("-s", s, "kv", "put", "cfg", "color", "blue").out()).isEqualTo("Put color at revision 1\n");
        assertThat(Cli.runWithStdin("from stdin", "-s", s, "kv", "put", "cfg", "note").out()).contains("revision 2");
        assertThat(Cli.run("-s", s, "kv", "get", "cfg", "note", "--raw").out()).isEqualTo("from stdin");
        assertThat(Cli.run("-s", s, "kv", "get", "cfg", "color").out()).startsWith("color rev 1 ").endsWith(": blue\n");
        JsonNode got = JSON.readTree(Cli.run("-s", s, "kv", "get", "cfg", "color", "--json").out());
        assertThat(got.get("value").asText()).isEqualTo("blue");
        assertThat(got.get("revision").asLong()).isEqualTo(1);
        assertThat(got.get("operation").asText()).isEqualTo("PUT");
        assertThat(Cli.run("-s", s, "kv", "update", "cfg", "color", "red", "1").out())
            .isEqualTo("Updated color to revision 3\n");
        Cli.Result conflict = Cli.run("-s", s, "kv", "update", "cfg", "color", "green", "1");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("color").contains("revision 1");
        Cli.Result exists = Cli.run("-s", s, "kv", "create", "cfg", "color", "x");
        assertThat(exists.exitCode()).isNotZero();
        assertThat(exists.err()).contains("already has a value");
        assertThat(Cli.run("-s", s, "kv", "create", "cfg", "size", "L").exitCode()).isZero();
        assertThat(Cli.run("-s", s, "kv", "keys", "cfg").out().lines().sorted().toList())
            .containsExactly("color", "note", "size");
        assertThat(Cli.run("-s", s, "kv", "del", "cfg", "size").out()).startsWith("Deleted size");
        assertThat(Cli.run("-s", s, "kv", "history", "cfg", "color").out()).contains(": blue").contains(": red");
        assertThat(Cli.run("-s", s, "kv", "purge", "cfg", "note").out()).startsWith("Purged note");
        assertThat(Cli.run("-s", s, "kv", "keys", "cfg").out()).isEqualTo("color\n");
        assertThat(Cli.run("-s", s, "kv", "ls").out()).contains("cfg");
        assertThat(Cli.run("-s", s, "kv", "status", "cfg").out()).contains("(stream KV_cfg)").contains("Values:");

        Cli.Running watch = Cli.start("-s", s, "kv", "watch", "cfg", "color", "--updates-only", "--count", "1")
            .awaitListening();
        Cli.run("-s", s, "kv", "put", "cfg", "color", "watched");
        Cli.Result watched = watch.result();
        assertThat(watched.exitCode()).isZero();
        assertThat(watched.out()).contains(": watched");

        Cli.Result zero = Cli.run("-s", s, "kv", "watch", "cfg", "--count", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--count must be at least 1, got 0");

        Cli.Result missing = Cli.run("-s", s, "kv", "get", "nope", "k");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("bucket 'nope' does not exist");
        assertThat(Cli.run("-s", s, "kv", "rm", "cfg").out()).isEqualTo("Deleted bucket cfg\n");
    }

    @Test
    void objCommands(NatsServer server, @TempDir Path dir) throws Exception {
        String s = server.url();
        assertThat(Cli.run("-s", s, "obj", "add", "files", "--storage", "memory").out())
            .contains("Created object store files");
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path file = dir.resolve("report.bin");
        Files.write(file, data);
        Cli.Result put = Cli.run("-s", s, "obj", "put", "files", file.toString(), "-H", "Content-Type:x/y");
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).contains("Stored report.bin: 300000 B in 3 chunks, SHA-256=");
        assertThat(Cli.runWithStdin("hello", "-s", s, "obj", "put", "files", "--as", "greeting").out())
            .contains("Stored greeting: 5 B in 1 chunks");
        Path back = dir.resolve("back.bin");
        assertThat(Cli.run("-s", s, "obj", "get", "files", "report.bin", "-o", back.toString()).out())
            .contains("Wrote 300000 B");
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
        assertThat(Cli.run("-s", s, "obj", "ls", "files").out()).contains("report.bin").contains("greeting");
        assertThat(Cli.run("-s", s, "obj", "info", "files", "report.bin").out()).contains("300000 B in 3 chunks")
            .contains("Content-Type: x/y");
        JsonNode info = JSON.readTree(Cli.run("-s", s, "obj", "info", "files", "report.bin", "--json").out());
        assertThat(info.get("size").asLong()).isEqualTo(300_000);
        assertThat(info.get("headers").get("Content-Type").get(0).asText()).isEqualTo("x/y");
        assertThat(Cli.run("-s", s, "obj", "link", "files", "alias", "files", "greeting").out())
            .isEqualTo("Linked alias to files/greeting\n");
        Path alias = dir.resolve("alias.txt");
        Cli.run("-s", s, "obj", "get", "files", "alias", "-o", alias.toString());
        assertThat(Files.readString(alias)).isEqualTo("hello");

        Cli.Running watch = Cli.start("-s", s, "obj", "watch", "files", "--updates-only", "--count", "1")
            .awaitListening();
        assertThat(Cli.run("-s", s, "obj", "rm", "files", "greeting").out()).isEqualTo("Deleted greeting\n");
        assertThat(watch.result().out()).contains("greeting").contains("<DELETED>");

        assertThat(Cli.run("-s", s, "obj", "seal", "files").out()).isEqualTo("Sealed files\n");
        assertThat(Cli.run("-s", s, "obj", "status", "files").out()).contains("Sealed:      true");
        assertThat(Cli.run("-s", s, "obj", "put", "files", file.toString()).exitCode()).isNotZero();
        assertThat(Cli.run("-s", s, "obj", "ls").out()).contains("files").contains("sealed");
        assertThat(Cli.run("-s", s, "obj", "rm", "files").out()).isEqualTo("Deleted object store files\n");
    }
}
