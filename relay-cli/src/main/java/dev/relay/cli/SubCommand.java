package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay sub}: prints the messages of a subscription until {@code --count} arrived or Ctrl-C.
 * The command's thread subscribes and waits; messages are printed on the connection's dispatcher
 * thread, one at a time.
 */
@Command(name = "sub", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the messages published to a subject (wildcards * and > allowed) until Ctrl-C.",
        footer = {"%nExamples:",
            "  relay sub 'orders.>'",
            "  relay sub work.tasks --queue workers",
            "  relay sub 'events.*' --json --count 10 | jq .payload"})
final class SubCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "subject, e.g. orders.* or 'orders.>'")
    private String subject;

    @Option(names = "--queue", paramLabel = "QUEUE",
            description = "join a queue group: each message goes to one member of the group")
    private String queue;

    @Option(names = "--count", paramLabel = "N", description = "exit after N messages")
    private Integer count;

    @Option(names = "--json", description = "print one JSON object per line: subject, reply, headers, "
            + "payload (or payload_b64 when not UTF-8), received")
    private boolean json;

    @Override
    public Integer call() {
        UntilStopped.checkCount(spec, count);
        PrintWriter out = spec.commandLine().getOut();
        MessageFormatter formatter = new MessageFormatter(Clock.systemUTC());
        AtomicLong received = new AtomicLong();
        try (UntilStopped run = new UntilStopped()) {
            ConnectionWatch watch = new ConnectionWatch();
            Connection nc = relay.connect(watch);
            run.watch(nc, watch); // from here on run.close() drains and closes nc
            Subscription sub = queue == null
                    ? nc.subscribe(subject, m -> print(out, formatter, received.incrementAndGet(), m, run))
                    : nc.subscribe(subject, queue, m -> print(out, formatter, received.incrementAndGet(), m, run));
            if (count != null) {
                sub.unsubscribe(count); // the server stops after N: no extra message is printed
            }
            nc.flush(PubCommand.FLUSH_TIMEOUT); // the server has the interest: publishers reach us now
            run.announce(spec.commandLine().getErr(), subject, queue, relay.serverUrl(), count, "message");
            run.await();
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, MessageFormatter formatter, long n, Message m, UntilStopped run) {
        run.upTo(count, n, () -> {
            if (json) {
                out.println(formatter.jsonLine(m));
            } else {
                out.print(formatter.human(n, m));
            }
            out.flush();
        });
    }
}
