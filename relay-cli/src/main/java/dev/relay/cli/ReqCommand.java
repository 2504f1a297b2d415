package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Replies;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay req}: sends one request and prints the first reply: its headers (if any) as
 * {@code K: v} lines and a blank line, then its body. With {@code --replies} or {@code --wait} it
 * gathers many replies (request-many) and prints each as it arrives. Confined to the command's thread.
 */
@Command(name = "req", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a request and print the reply.",
        footer = {"%nExamples:",
            "  relay req svc.echo hi",
            "  relay req -H Trace-Id:abc svc.time --timeout 500ms",
            "  relay req '$SRV.PING' --wait 1s           every reply within 1s",
            "  relay req svc.quote --replies 3          the first 3 replies (within --timeout)"})
final class ReqCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "subject of the service, e.g. svc.echo")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "request body (default: empty)")
    private String body;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE",
            description = "add a header; repeat the option for more values or keys")
    private List<HeaderArg> headers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "how long to wait for the reply, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(names = "--replies", paramLabel = "N",
            description = "gather up to N replies (within --timeout, or --wait if given)")
    private Integer replies;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "gather every reply that arrives within DURATION")
    private Duration wait;

    @Option(names = "--stall", paramLabel = "DURATION",
            description = "with --replies or --wait: stop when no reply came for DURATION after the last one")
    private Duration stall;

    @Override
    public Integer call() {
        byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (replies != null || wait != null) {
            return gather(data);
        }
        if (stall != null) {
            throw new ParameterException(spec.commandLine(), "--stall needs --replies or --wait");
        }
        Message reply;
        try (Connection nc = relay.connect()) {
            try {
                reply = nc.request(subject, HeaderArg.toHeaders(headers), data, timeout);
            } catch (NatsTimeoutException e) {
                throw new NatsTimeoutException("no reply on '" + subject + "' within "
                        + DurationConverter.format(timeout), e);
            }
        }
        print(reply);
        return ExitCodes.OK;
    }

    /** Request-many: prints every reply as it arrives, then a summary on stderr. */
    private int gather(byte[] data) {
        if (replies != null && replies < 1) {
            throw new ParameterException(spec.commandLine(), "--replies must be at least 1, got " + replies);
        }
        RequestManyOptions.Builder options = RequestManyOptions.builder().totalWait(wait != null ? wait : timeout);
        if (replies != null) {
            options.maxMessages(replies);
        }
        if (stall != null) {
            options.stallWait(stall);
        }
        int n = 0;
        RequestManyEnd end;
        try (Connection nc = relay.connect();
             Replies all = nc.requestMany(subject, HeaderArg.toHeaders(headers), data, options.build())) {
            for (Message reply : all) {
                n++;
                if (n > 1) {
                    spec.commandLine().getOut().println();
                }
                print(reply);
            }
            end = all.end().orElse(RequestManyEnd.CLOSED);
        }
        if (end == RequestManyEnd.NO_RESPONDERS) {
            throw new NoRespondersException("no responders on '" + subject + "'");
        }
        if (n == 0) {
            throw new NatsTimeoutException("no reply on '" + subject + "' within "
                    + DurationConverter.format(wait != null ? wait : timeout));
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Received " + n + " repl" + (n == 1 ? "y" : "ies") + " (" + describe(end) + ")");
        err.flush();
        return ExitCodes.OK;
    }

    private static String describe(RequestManyEnd end) {
        return switch (end) {
            case MAX_MESSAGES -> "reached --replies";
            case TOTAL_WAIT -> "the wait ended";
            case STALL -> "replies stalled";
            default -> end.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private void print(Message reply) {
        PrintWriter out = spec.commandLine().getOut();
        if (!reply.headers().isEmpty()) {
            out.print(MessageFormatter.headerLines(reply.headers(), ""));
            out.println();
        }
        Optional<String> text = MessageFormatter.utf8(reply.data());
        if (text.isPresent()) {
            out.print(text.get());
            if (!text.get().endsWith("\n")) {
                out.println();
            }
        } else {
            spec.commandLine().getErr().println("The reply is binary (" + reply.data().length
                    + " bytes); printing it as base64.");
            out.println(Base64.getEncoder().encodeToString(reply.data()));
        }
        out.flush();
    }
}
