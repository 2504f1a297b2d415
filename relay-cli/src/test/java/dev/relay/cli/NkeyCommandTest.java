package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.NKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay nkey gen} and {@code relay nkey pub}, offline. */
class NkeyCommandTest {

    @Test
    void genPrintsALabelledSeedAndPublicKeyOfTheType() {
        Cli.Result r = Cli.run("nkey", "gen", "--type", "account");
        assertThat(r.exitCode()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("Seed:       SA");
        assertThat(lines[1]).startsWith("Public key: A");
        NKey key = NKey.fromSeed(lines[0].substring("Seed:       ".length()));
        assertThat(key.type()).isEqualTo(NKey.Type.ACCOUNT);
        assertThat(lines[1]).isEqualTo("Public key: " + key.publicKey());
    }

    @Test
    void genCanWriteTheSeedToAnOwnerOnlyFileAndRefusesToOverwriteIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user.nk");
        Cli.Result r = Cli.run("nkey", "gen", "--seed-file", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Seed file:  " + file + "\nPublic key: U");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        NKey key = NKey.fromSeed(Files.readString(file));
        // the seed went to the file only (a random public key may well contain "SU", so look for the seed)
        assertThat(r.out()).doesNotContain(new String(key.seed()));
        assertThat(r.out()).contains(key.publicKey());

        Cli.Result again = Cli.run("nkey", "gen", "--seed-file", file.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(again.err()).contains("already exists");
        assertThat(NKey.fromSeed(Files.readString(file))).isEqualTo(key);
    }

    @Test
    void pubPrintsThePublicKeyOfASeedArgumentOrFile(@TempDir Path dir) throws Exception {
        NKey key = NKey.create(NKey.Type.OPERATOR);
        String seed = new String(key.seed());
        assertThat(Cli.run("nkey", "pub", seed).out()).isEqualTo(key.publicKey() + "\n");
        Path file = dir.resolve("op.nk");
        Files.writeString(file, seed + "\r\n");
        assertThat(Cli.run("nkey", "pub", "--file", file.toString()).out()).isEqualTo(key.publicKey() + "\n");
    }

    @Test
    void badInputIsAnErrorThatNeverEchoesTheSeed() {
        String seed = new String(NKey.create(NKey.Type.USER).seed());
        String broken = seed.substring(0, 10) + (seed.charAt(10) == 'A' ? 'B' : 'A') + seed.substring(11);
        Cli.Result r = Cli.run("nkey", "pub", broken);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(r.err()).contains("checksum").doesNotContain(broken);
        Cli.Result type = Cli.run("nkey", "gen", "--type", "curve");
        assertThat(type.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(type.err()).contains("not one of user, account, operator, server, cluster");
    }

    @Test
    void aMalformedCredsFileIsNamedWithoutItsContents(@TempDir Path dir) throws Exception {
        String seed = new String(NKey.create(NKey.Type.USER).seed());
        Path creds = dir.resolve("user.creds");
        Files.writeString(creds, "-----BEGIN USER NKEY SEED-----\n" + seed + "\n------END USER NKEY SEED------\n");
        Cli.Result r = Cli.run("-s", "nats://127.0.0.1:1", "--creds", creds.toString(), "pub", "x", "y");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_ARGUMENT);
        assertThat(r.err()).contains("creds file " + creds + ": no '-----BEGIN NATS USER JWT-----' block")
            .doesNotContain(seed);
    }
}
