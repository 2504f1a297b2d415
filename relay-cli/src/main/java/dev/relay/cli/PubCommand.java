package dev.relay.cli;

import dev.relay.nats.AuthorizationException;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.ReconnectBufferOverflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code relay pub}: publishes one message, or {@code --count} of them, then flushes so the server has
 * them all before the command exits. Confined to the command's thread.
 */
@Command(name = "pub", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Publish a message. Without BODY the body is read from standard input.",
        footer = {"%nExamples:",
            "  relay pub orders.new '{\"id\": 7}'",
            "  relay pub -H Trace-Id:abc -H Tag:eu -H Tag:vip orders.new hello",
            "  relay pub events.tick 'tick {{n}}' --count 10",
            "  echo hello | relay pub greetings"})
final class PubCommand implements Callable<Integer> {

    /** How long the server may take to confirm it has everything. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    /** How long --count waits for the server to come back before giving up. */
    private static final Duration RECONNECT_WAIT = Duration.ofMinutes(2);
    /** Replaced in the body by the message's 1-based index. */
    static final String INDEX_PLACEHOLDER = "{{n}}";
    /** How long to wait for the library to report the close, and with it any earlier denial. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "subject to publish to, e.g. orders.new")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY",
            description = "message body; {{n}} becomes the message number (default: read standard input)")
    private String body;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE",
            description = "add a header; repeat the option for more values or keys")
    private List<HeaderArg> headers = new ArrayList<>();

    @Option(names = "--reply", paramLabel = "SUBJECT", description = "reply subject to send with the message")
    private String reply;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "publish N messages (default: ${DEFAULT-VALUE})")
    private int count;

    @Option(names = {"-q", "--quiet"}, description = "print nothing on success")
    private boolean quiet;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        byte[] template = body != null ? body.getBytes(StandardCharsets.UTF_8) : readStdin();
        Headers h = HeaderArg.toHeaders(headers);
        ConnectionWatch watch = new ConnectionWatch();
        try (Connection nc = relay.connect(watch)) {
            for (int n = 1; n <= count; n++) {
                byte[] message = render(template, n);
                try {
                    nc.publish(subject, reply, h, message);
                } catch (ReconnectBufferOverflowException full) {
                    // disconnected with the reconnect buffer full: wait for the server, then go on
                    if (!watch.awaitUp(RECONNECT_WAIT)) {
                        throw full;
                    }
                    n--;
                }
            }
            try {
                nc.flush(FLUSH_TIMEOUT);
            } catch (dev.relay.nats.ConnectionException lostDuringFlush) {
                if (!watch.awaitUp(RECONNECT_WAIT)) {
                    throw lostDuringFlush;
                }
                nc.flush(FLUSH_TIMEOUT);
            }
        }
        Optional<AuthorizationException> denied = watch.awaitClosed(CLOSE_WAIT); // a denial comes after the fact
        if (denied.isPresent()) {
            throw denied.get();
        }
        if (!quiet) {
            spec.commandLine().getOut().println("Published " + count + (count == 1 ? " message" : " messages")
                    + " to " + subject);
        }
        return ExitCodes.OK;
    }

    /**
     * Replaces every {@code {{n}}} in a body with a number, leaving all other bytes as they are
     * (binary bodies included: ISO-8859-1 maps each byte to one char and back).
     *
     * @param template the body
     * @param n the 1-based message number
     * @return the body to send; the template itself when it has no placeholder
     */
    static byte[] render(byte[] template, int n) {
        String bytesAsChars = new String(template, StandardCharsets.ISO_8859_1);
        if (!bytesAsChars.contains(INDEX_PLACEHOLDER)) {
            return template;
        }
        return bytesAsChars.replace(INDEX_PLACEHOLDER, Integer.toString(n)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] readStdin() {
        if (System.console() != null && relay.stdin() == System.in) {
            spec.commandLine().getErr().println("Reading the body from standard input; end it with Ctrl-D.");
            spec.commandLine().getErr().flush();
        }
        try {
            return relay.stdin().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body from standard input", e);
        }
    }
}
