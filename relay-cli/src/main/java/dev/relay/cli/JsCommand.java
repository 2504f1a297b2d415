package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JsMessage;
import dev.relay.nats.jetstream.OrderedConsumer;
import dev.relay.nats.jetstream.PublishAck;
import dev.relay.nats.jetstream.PublishOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay js}: the account's JetStream usage, plus {@code js pub} (acknowledged publish) and
 * {@code js sub} (read a stream in order with an ordered consumer). Confined to the command's thread.
 */
@Command(name = "js", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "[COMMAND]",
        description = "Show the account's JetStream usage and limits; publish to or read from streams.",
        subcommands = {JsCommand.Pub.class, JsCommand.Sub.class},
        footer = {"%nExamples:",
            "  relay js",
            "  relay js pub orders.new '{\"id\":7}' --msg-id order-7",
            "  relay js sub ORDERS --filter 'orders.>' --count 10 --json"})
final class JsCommand extends JsRun.Group {

    /** Unlike the other groups, {@code relay js} alone shows the account's JetStream usage. */
    @Override
    public Integer call() {
        return JsRun.print(relay, spec, js -> JsFormat.account(js.management().accountInfo()));
    }

    /** {@code relay js pub}. */
    @Command(name = "pub", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Publish to a stream and print its acknowledgement.")
    static final class Pub implements Callable<Integer> {
        @ParentCommand JsCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBJECT", description = "a subject a stream stores")
        String subject;
        @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "message body (default: empty)")
        String body;
        @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE", description = "add a header")
        List<HeaderArg> headers = new ArrayList<>();
        @Option(names = "--msg-id", paramLabel = "ID", description = "message id for deduplication")
        String msgId = "";
        @Option(names = "--expect-stream", paramLabel = "STREAM", description = "fail unless this stream stores it")
        String expectStream = "";
        @Option(names = "--expect-last-seq", paramLabel = "SEQ", description = "fail unless the stream's last sequence is SEQ")
        long expectLastSeq = -1;
        @Option(names = "--expect-last-subject-seq", paramLabel = "SEQ",
                description = "fail unless the subject's last sequence is SEQ")
        long expectLastSubjectSeq = -1;
        @Option(names = "--expect-last-msg-id", paramLabel = "ID", description = "fail unless the last message id is ID")
        String expectLastMsgId = "";
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
                description = "how long to wait for the ack (default: ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        public Integer call() {
            PublishOptions o = PublishOptions.builder().messageId(msgId).expectedStream(expectStream)
                .expectedLastSequence(expectLastSeq).expectedLastSubjectSequence(expectLastSubjectSeq)
                .expectedLastMessageId(expectLastMsgId).timeout(timeout).build();
            byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            return JsRun.print(parent.relay, spec, js -> {
                PublishAck ack;
                try {
                    ack = js.publish(subject, headers.isEmpty() ? null : HeaderArg.toHeaders(headers), data, o);
                } catch (NoRespondersException e) {
                    throw new NoRespondersException("no stream stores subject '" + subject
                        + "' — add one with 'relay stream add NAME --subjects " + subject + "'", e);
                }
                return "Stored in stream " + ack.stream() + " as sequence " + ack.sequence()
                    + (ack.duplicate() ? " (duplicate: already stored, not stored again)" : "") + "\n";
            });
        }
    }

    /** {@code relay js sub}. */
    @Command(name = "sub", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print a stream's messages in order, once each (an ordered consumer), until Ctrl-C.")
    static final class Sub implements Callable<Integer> {
        @ParentCommand JsCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STREAM", description = "stream name")
        String stream;
        @Option(names = "--filter", paramLabel = "SUBJECT", description = "only messages of this subject")
        String filter;
        @Option(names = "--deliver", paramLabel = "all|last|new|last_per_subject", description = "where to start (default: all)")
        String deliver;
        @Option(names = "--start-seq", paramLabel = "SEQ", description = "start at this stream sequence")
        Long startSeq;
        @Option(names = "--count", paramLabel = "N", description = "exit after N messages")
        Integer count;
        @Option(names = "--json", description = "print one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            UntilStopped.checkCount(spec, count);
            ConsumerConfig.Builder b = ConsumerConfig.builder();
            JsRun.setIf(filter, b::filterSubject);
            JsRun.setIf(JsFormat.enumArg(DeliverPolicy.class, "--deliver", deliver), b::deliverPolicy);
            JsRun.setIf(startSeq, b::startSequence);
            PrintWriter out = spec.commandLine().getOut();
            MessageFormatter f = new MessageFormatter(Clock.systemUTC());
            try (Connection nc = parent.relay.connect();
                 OrderedConsumer oc = JetStream.of(nc).orderedConsumer(stream, b.build())) {
                spec.commandLine().getErr().println("Listening on stream " + stream
                    + (filter == null ? "" : " for " + filter) + (count == null ? " until Ctrl-C" : " for " + count + " messages"));
                for (long n = 1; count == null || n <= count; ) {
                    JsMessage m;
                    try {
                        m = oc.next(Duration.ofSeconds(1));
                    } catch (NatsTimeoutException e) {
                        continue;
                    }
                    out.print(json ? f.jsonLine(m) + "\n" : f.human(n, m));
                    out.flush();
                    n++;
                }
            }
            return ExitCodes.OK;
        }
    }
}
