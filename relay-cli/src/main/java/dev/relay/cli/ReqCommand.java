package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay req}: sends one request and prints the first reply: its headers (if any) as
 * {@code K: v} lines and a blank line, then its body. Confined to the command's thread.
 */
@Command(name = "req", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a request and print the reply.",
        footer = {"%nExamples:",
            "  relay req svc.echo hi",
            "  relay req -H Trace-Id:abc svc.time --timeout 500ms"})
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

    @Override
    public Integer call() {
        byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Message reply;
        try (Connection nc = relay.connect()) {
            try {
                reply = nc.request(subject, HeaderArg.toHeaders(headers), data, timeout);
            } catch (NatsTimeoutException e) {
                throw new NatsTimeoutException("no reply on '" + subject + "' within "
                        + DurationConverter.format(timeout), e);
            }
        }
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
        return ExitCodes.OK;
    }
}
