package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.JetStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the JetStream commands share: connect with the global options, run one body against a
 * {@link JetStream} context, print the text it returns, close. Stateless.
 */
final class JsRun {
    private JsRun() {
    }

    /** A command that groups subcommands ({@code js}, {@code stream}, {@code consumer}): alone it shows its help. */
    abstract static class Group implements Callable<Integer> {
        @ParentCommand
        Relay relay;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    /**
     * Connects, runs the body, prints its text to the command's standard output.
     *
     * @param relay the top command (global options)
     * @param spec the running subcommand, for its output
     * @param body what to do; returns the text to print
     * @return {@link ExitCodes#OK}
     */
    static int print(Relay relay, CommandSpec spec, Function<JetStream, String> body) {
        String text;
        try (Connection nc = relay.connect()) {
            text = body.apply(JetStream.of(nc));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Hands a command-line value to a builder setter when the option was given.
     *
     * @param value the option's value, null when absent
     * @param setter the builder method
     */
    static <T> void setIf(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
