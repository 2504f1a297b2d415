package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay reply}: answers every request on a subject with the same body, until {@code --count}
 * requests were answered or Ctrl-C. Requests are answered on the connection's dispatcher thread; the
 * command's thread waits.
 */
@Command(name = "reply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Answer every request sent to a subject with BODY, until Ctrl-C.",
        footer = {"%nExamples:",
            "  relay reply svc.echo pong",
            "  relay reply svc.time now --queue timekeepers --count 1"})
final class ReplyCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "subject to serve, e.g. svc.echo")
    private String subject;

    @Parameters(index = "1", paramLabel = "BODY", description = "the answer to every request")
    private String body;

    @Option(names = "--queue", paramLabel = "QUEUE",
            description = "join a queue group, so several repliers share the requests")
    private String queue;

    @Option(names = "--count", paramLabel = "N", description = "exit after N requests (the server sends no more)")
    private Integer count;

    @Override
    public Integer call() {
        UntilStopped.checkCount(spec, count);
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        AtomicLong received = new AtomicLong();
        try (UntilStopped run = new UntilStopped()) {
            ConnectionWatch watch = new ConnectionWatch();
            Connection nc = relay.connect(watch);
            run.watch(nc, watch); // from here on run.close() drains and closes nc
            Subscription sub = queue == null
                    ? nc.subscribe(subject, m -> answer(m, answer, received.incrementAndGet(), run))
                    : nc.subscribe(subject, queue, m -> answer(m, answer, received.incrementAndGet(), run));
            if (count != null) {
                sub.unsubscribe(count);
            }
            nc.flush(PubCommand.FLUSH_TIMEOUT);
            run.announce(spec.commandLine().getErr(), subject, queue, relay.serverUrl(), count, "request");
            run.await();
        }
        return ExitCodes.OK;
    }

    /** Answers message number {@code n}; a message without a reply subject still counts toward N. */
    private void answer(Message m, byte[] answer, long n, UntilStopped run) {
        run.upTo(count, n, () -> {
            if (m.replyTo().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("[#" + n + "] ignored a message on " + m.subject() + ": it has no reply subject");
                err.flush();
            } else {
                m.respond(answer);
                PrintWriter out = spec.commandLine().getOut();
                out.println("[#" + n + "] answered a request on " + m.subject() + " (" + m.data().length
                        + " bytes in, " + answer.length + " bytes out)");
                out.flush();
            }
        });
    }
}
