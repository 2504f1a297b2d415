package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.JetStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
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
     * A group over buckets ({@code kv}, {@code obj}): what its subcommands share is connecting, binding a
     * bucket or the bucket management API, and printing; or watching a bucket until Ctrl-C or a count.
     *
     * @param <B> the bucket handle
     * @param <M> the bucket management API
     */
    abstract static class BucketGroup<B, M> extends Group {

        /** Binds the named bucket. */
        abstract B bucket(JetStream js, String name);

        /** The bucket management API. */
        abstract M management(JetStream js);

        /** Connects, runs the body with the bucket bound, prints what it returns. */
        int withBucket(CommandSpec sub, String name, Function<B, String> body) {
            return print(relay, sub, js -> body.apply(bucket(js, name)));
        }

        /** Connects, runs the body with bucket management, prints what it returns. */
        int withManagement(CommandSpec sub, Function<M, String> body) {
            return print(relay, sub, js -> body.apply(management(js)));
        }

        /**
         * Watches a bucket and prints each change as it comes, until Ctrl-C or {@code count} changes.
         *
         * @param sub the running subcommand, for its output
         * @param name the bucket
         * @param label what the start-up line says is watched
         * @param count how many changes to print before exiting, null for no limit
         * @param noun what one change is called in the start-up line
         * @param start opens the watch with the given handler; returns what stops it
         * @param format the text printed for one change
         * @param <T> what one change is
         * @return {@link ExitCodes#OK}
         */
        <T> int watch(CommandSpec sub, String name, String label, Integer count, String noun,
                      BiFunction<B, Consumer<T>, Runnable> start, Function<T, String> format) {
            UntilStopped.checkCount(sub, count);
            PrintWriter out = sub.commandLine().getOut();
            AtomicLong seen = new AtomicLong();
            try (UntilStopped run = new UntilStopped()) {
                ConnectionWatch watch = new ConnectionWatch();
                Connection nc = relay.connect(watch);
                run.watch(nc, watch);
                Runnable stop = start.apply(bucket(JetStream.of(nc), name), change -> {
                    run.upTo(count, seen.incrementAndGet(), () -> {
                        out.print(format.apply(change));
                        out.flush();
                    });
                });
                try {
                    run.announce(sub.commandLine().getErr(), label, null, relay.serverUrl(), count, noun);
                    run.await();
                } finally {
                    stop.run();
                }
            }
            return ExitCodes.OK;
        }
    }

    /**
     * A subcommand on one bucket of a {@link BucketGroup}: the group and the bucket name.
     *
     * @param <G> the group
     */
    abstract static class OnBucket<G extends BucketGroup<?, ?>> implements Callable<Integer> {
        @ParentCommand G parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "BUCKET", description = "bucket name") String bucket;
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
