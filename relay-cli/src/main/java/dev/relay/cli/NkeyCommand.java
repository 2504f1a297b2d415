package dev.relay.cli;

import dev.relay.nats.NKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay nkey}: makes NKey pairs ({@code gen}) and shows the public key of a seed ({@code pub}),
 * offline. Confined to the command's thread.
 */
@Command(name = "nkey", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Make NKeys and show public keys (no server needed).",
        subcommands = {NkeyCommand.Gen.class, NkeyCommand.Pub.class},
        footer = {"%nExamples:",
            "  relay nkey gen --type user --seed-file user.nk",
            "  relay --nkey user.nk pub orders.new hi",
            "  relay nkey pub --file user.nk"})
final class NkeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** {@code relay nkey gen}: a new key pair; the seed on stdout or into an owner-only file. */
    @Command(name = "gen", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Make a new key pair and print its seed and public key.",
                "The seed is a secret: keep it in a file only you can read (--seed-file)."})
    static final class Gen implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "user",
                description = "user, account, operator, server or cluster (default: ${DEFAULT-VALUE})")
        private String type;

        @Option(names = "--seed-file", paramLabel = "FILE",
                description = "write the seed to this new file (permissions rw-------) instead of printing it")
        private Path seedFile;

        @Override
        public Integer call() {
            NKey.Type t;
            try {
                t = NKey.Type.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--type: '" + type
                    + "' is not one of user, account, operator, server, cluster");
            }
            NKey key = NKey.create(t);
            char[] seed = key.seed();
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (seedFile != null) {
                    writeOwnerOnly(seedFile, seed);
                    out.println("Seed file:  " + seedFile);
                } else {
                    out.println("Seed:       " + new String(seed));
                }
                out.println("Public key: " + key.publicKey());
            } finally {
                Arrays.fill(seed, '\0');
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void writeOwnerOnly(Path file, char[] seed) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, new String(seed) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new IllegalArgumentException("--seed-file: " + file + " already exists; not overwriting a seed");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code relay nkey pub}: the public key of a seed given as an argument or in a file. */
    @Command(name = "pub", mixinStandardHelpOptions = true,
            description = "Print the public key of a seed (from the argument or --file).")
    static final class Pub implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ArgGroup(multiplicity = "1")
        private Source source;

        static final class Source {
            @Parameters(paramLabel = "SEED", description = "the seed (S…); prefer --file: arguments show in 'ps'")
            private String seed;

            @Option(names = "--file", paramLabel = "FILE", description = "file holding the seed")
            private Path file;
        }

        @Override
        public Integer call() {
            NKey key;
            if (source.file != null) {
                try {
                    key = NKey.fromSeed(new String(Files.readAllBytes(source.file), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--file: cannot read " + source.file + ": " + e.getClass().getSimpleName());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--file " + source.file + ": " + e.getMessage());
                }
            } else {
                key = NKey.fromSeed(source.seed);
            }
            spec.commandLine().getOut().println(key.publicKey());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
