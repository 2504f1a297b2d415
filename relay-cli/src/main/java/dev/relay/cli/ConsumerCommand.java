package dev.relay.cli;

import dev.relay.nats.jetstream.AckPolicy;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.ConsumerInfo;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JsMessage;
import dev.relay.nats.jetstream.PullConsumer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay consumer add|ls|info|rm|next}: JetStream consumer management and reading from a pull
 * consumer. Confined to the command's thread.
 */
@Command(name = "consumer", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage JetStream consumers and read from pull consumers.",
        subcommands = {ConsumerCommand.Add.class, ConsumerCommand.Ls.class, ConsumerCommand.Info.class,
            ConsumerCommand.Rm.class, ConsumerCommand.Next.class},
        footer = {"%nExamples:",
            "  relay consumer add ORDERS billing --filter orders.new --max-deliver 5",
            "  relay consumer next ORDERS billing --count 10"})
final class ConsumerCommand extends JsRun.Group {

    /** Connects, runs the body with a JetStream context, prints what it returns. */
    int run(CommandSpec sub, Function<JetStream, String> body) {
        return JsRun.print(relay, sub, body);
    }

    /** What the subcommands on one consumer share: the stream and the consumer's name. */
    abstract static class OnConsumer implements Callable<Integer> {
        @ParentCommand ConsumerCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STREAM", description = "stream name")
        String stream;
        @Parameters(index = "1", paramLabel = "NAME", description = "consumer name")
        String name;
    }

    /** {@code relay consumer add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create or update a durable consumer (flags override what --config gives).")
    static final class Add extends OnConsumer {
        @Option(names = "--filter", paramLabel = "SUBJECT", description = "only messages of this subject")
        String filter;
        @Option(names = "--ack", paramLabel = "explicit|all|none", description = "ack policy (default: explicit)")
        String ack;
        @Option(names = "--deliver", paramLabel = "POLICY", description = "all, last, new, last_per_subject (default: all)")
        String deliver;
        @Option(names = "--start-seq", paramLabel = "SEQ", description = "start at this stream sequence")
        Long startSeq;
        @Option(names = "--ack-wait", paramLabel = "DURATION", description = "redeliver unacknowledged messages after this")
        Duration ackWait;
        @Option(names = "--max-deliver", paramLabel = "N", description = "most deliveries of one message")
        Long maxDeliver;
        @Option(names = "--max-ack-pending", paramLabel = "N", description = "most unacknowledged messages")
        Long maxAckPending;
        @Option(names = "--deliver-subject", paramLabel = "SUBJECT", description = "make it a push consumer delivering here")
        String deliverSubject;
        @Option(names = "--description", paramLabel = "TEXT", description = "description")
        String description;
        @Option(names = "--config", paramLabel = "FILE.json", description = "consumer configuration in the API's JSON")
        Path config;

        @Override
        public Integer call() {
            ConsumerConfig.Builder b = config == null ? ConsumerConfig.builder()
                : ConsumerConfig.fromJson(JsFormat.readFile(config)).toBuilder();
            b.durable(name);
            JsRun.setIf(filter, b::filterSubject);
            JsRun.setIf(JsFormat.enumArg(AckPolicy.class, "--ack", ack), b::ackPolicy);
            JsRun.setIf(JsFormat.enumArg(DeliverPolicy.class, "--deliver", deliver), b::deliverPolicy);
            JsRun.setIf(startSeq, b::startSequence);
            JsRun.setIf(ackWait, b::ackWait);
            JsRun.setIf(maxDeliver, b::maxDeliver);
            JsRun.setIf(maxAckPending, b::maxAckPending);
            JsRun.setIf(deliverSubject, b::deliverSubject);
            JsRun.setIf(description, b::description);
            ConsumerConfig cfg = b.build();
            return parent.run(spec, js -> "Created consumer " + stream + " > " + name + "\n"
                + JsFormat.consumer(js.management().addOrUpdateConsumer(stream, cfg)));
        }
    }

    /** {@code relay consumer ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a stream's consumers.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand ConsumerCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STREAM", description = "stream name")
        String stream;

        @Override
        public Integer call() {
            return parent.run(spec, js -> {
                List<ConsumerInfo> all = js.management().consumers(stream);
                if (all.isEmpty()) {
                    return "No consumers on " + stream + "\n";
                }
                StringBuilder b = new StringBuilder();
                for (ConsumerInfo i : all) {
                    b.append(String.format("%-24s %-5s %8d pending %8d awaiting ack%n", i.name(),
                        i.config().isPull() ? "pull" : "push", i.pending(), i.ackPending()));
                }
                return b.toString();
            });
        }
    }

    /** {@code relay consumer info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a consumer's configuration and state.")
    static final class Info extends OnConsumer {
        @Option(names = "--json", description = "print the configuration as the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return parent.run(spec, js -> {
                ConsumerInfo info = js.management().consumerInfo(stream, name);
                return json ? info.config().toJson() + "\n" : JsFormat.consumer(info);
            });
        }
    }

    /** {@code relay consumer rm}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a consumer.")
    static final class Rm extends OnConsumer {
        @Override
        public Integer call() {
            return parent.run(spec, js -> {
                js.management().deleteConsumer(stream, name);
                return "Deleted consumer " + stream + " > " + name + "\n";
            });
        }
    }

    /** {@code relay consumer next}. */
    @Command(name = "next", mixinStandardHelpOptions = true,
            description = "Fetch messages from a pull consumer, print and acknowledge them.")
    static final class Next extends OnConsumer {
        @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "how many (default: ${DEFAULT-VALUE})")
        int count;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
                description = "how long to wait (default: ${DEFAULT-VALUE})")
        Duration timeout;
        @Option(names = "--no-ack", description = "do not acknowledge (they are redelivered after the ack wait)")
        boolean noAck;
        @Option(names = "--json", description = "print one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            UntilStopped.checkCount(spec, count);
            MessageFormatter f = new MessageFormatter(Clock.systemUTC());
            return parent.run(spec, js -> {
                StringBuilder b = new StringBuilder();
                try (PullConsumer c = js.pullConsumer(stream, name)) {
                    List<JsMessage> got = c.fetch(count, timeout);
                    if (got.isEmpty()) {
                        throw new dev.relay.nats.NatsTimeoutException("no message from " + stream + " > " + name
                            + " within " + DurationConverter.format(timeout));
                    }
                    long n = 0;
                    for (JsMessage m : got) {
                        b.append(json ? f.jsonLine(m) + "\n" : f.human(++n, m));
                        if (!noAck) {
                            m.ackSync(timeout);
                        }
                    }
                }
                return b.toString();
            });
        }
    }
}
