package dev.relay.cli;

import dev.relay.nats.AuthenticationException;
import dev.relay.nats.AuthorizationException;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionException;
import dev.relay.nats.InvalidSubjectException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.PayloadTooLargeException;
import dev.relay.nats.ProtocolException;
import dev.relay.nats.TlsException;
import dev.relay.nats.jetstream.JetStreamNotEnabledException;
import dev.relay.nats.jetstream.JetStreamUnsupportedException;
import dev.relay.testkit.NatsServerException;
import dev.relay.testkit.NatsServerNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns failures into an exit status and one line on stderr,
 * {@code relay: what went wrong — what to do}, never a stack trace. picocli calls it on the thread
 * that runs the command; stateless, so thread-safe.
 */
public final class ErrorReporter
        implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    /**
     * What a failure means for the user.
     *
     * @param exitCode the process exit status, one of {@link ExitCodes}
     * @param message the line to print after {@code relay: }, without a line break
     */
    public record Failure(int exitCode, String message) {
    }

    /** Creates the reporter. */
    public ErrorReporter() {
    }

    /**
     * Describes a failure thrown while a command ran.
     *
     * @param error what was thrown; wrappers such as {@link CompletionException} are looked through
     * @return the exit status and the one-line message
     */
    public static Failure describe(Throwable error) {
        Throwable e = unwrap(error);
        // the library writes durations as Duration.toString() does (PT5S); people read 5s
        String what = DurationConverter.humanize(
                firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (e instanceof JetStreamNotEnabledException) {
            return new Failure(ExitCodes.GENERAL, what + " — start the server with JetStream, e.g. 'nats-server -js'");
        }
        if (e instanceof JetStreamUnsupportedException) {
            return new Failure(ExitCodes.INVALID_ARGUMENT, what + " — leave the setting out or upgrade the server");
        }
        if (e instanceof NoRespondersException && what.startsWith("no stream stores")) {
            return new Failure(ExitCodes.NO_RESPONDERS, what);
        }
        if (e instanceof NoRespondersException) {
            return new Failure(ExitCodes.NO_RESPONDERS, what
                    + " — nobody subscribes to that subject; start a responder, e.g. 'relay reply SUBJECT BODY'");
        }
        if (e instanceof NatsTimeoutException) {
            return new Failure(ExitCodes.TIMEOUT, what
                    + " — is the responder or server busy? Retry or raise --timeout");
        }
        if (e instanceof AuthenticationException) {
            return new Failure(ExitCodes.AUTH, what + " — check --user/--password, --token, --nkey or --creds");
        }
        if (e instanceof AuthorizationException) {
            return new Failure(ExitCodes.AUTH, what
                    + " — this user lacks the permission; ask for it or use another user");
        }
        if (e instanceof InvalidSubjectException) {
            return new Failure(ExitCodes.INVALID_ARGUMENT, "invalid " + what
                    + " — subjects are dot-separated tokens without spaces, e.g. orders.new; "
                    + "wildcards * and > only when subscribing");
        }
        if (e instanceof PayloadTooLargeException) {
            return new Failure(ExitCodes.INVALID_ARGUMENT, what + " — send less, or raise max_payload on the server");
        }
        Failure rocketMq = RocketMqErrors.describe(e, what);
        if (rocketMq != null) {
            return rocketMq;
        }
        if (e instanceof IllegalArgumentException) {
            return new Failure(ExitCodes.INVALID_ARGUMENT, "invalid argument: " + what);
        }
        if (e instanceof ProtocolException) {
            // the message carries the rule broken, the stream offset and an escaped excerpt of the bytes
            return new Failure(ExitCodes.GENERAL, "the server sent bytes that are not NATS: " + what
                    + " — is -s the client port of a NATS server (not another service or a proxy)?");
        }
        if (e instanceof TlsException) {
            // the library's message names the server, the cause and the option that fixes it
            return new Failure(ExitCodes.GENERAL, what);
        }
        if (e instanceof ConnectionException) {
            return new Failure(ExitCodes.GENERAL, what
                    + " — start one with 'nats-server' (or './relay demo --keep'), or pass -s URL");
        }
        if (e instanceof ConnectionClosedException) {
            return new Failure(ExitCodes.GENERAL, what + " — the connection to the server was lost; retry");
        }
        if (e instanceof NatsServerNotFoundException) {
            return new Failure(ExitCodes.GENERAL, what + " — install it with 'sudo apt-get install -y nats-server', "
                    + "or pass -s URL to use a running server");
        }
        if (e instanceof NatsServerException || e instanceof NatsException) {
            return new Failure(ExitCodes.GENERAL, what);
        }
        if (e instanceof UncheckedIOException) {
            return new Failure(ExitCodes.GENERAL, "I/O error: " + what);
        }
        return new Failure(ExitCodes.GENERAL, "unexpected " + e.getClass().getName() + ": " + what
                + " — this is a bug in relay; please report it with the command you ran");
    }

    /**
     * Prints the failure's line on the command's stderr and returns its exit status.
     *
     * @param ex what the command threw
     * @param commandLine the command that ran
     * @param parseResult the parsed arguments (unused)
     * @return the exit status
     */
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Failure f = describe(rootCause(ex, commandLine));
        print(commandLine.getErr(), f.message());
        return f.exitCode();
    }

    /**
     * A lost or closed connection is often only the consequence of a server that broke the protocol;
     * the command may hear the consequence before its connection's listener hears the cause. The cause
     * is the news.
     */
    private static Throwable rootCause(Exception ex, CommandLine commandLine) {
        Throwable e = unwrap(ex);
        if ((e instanceof ConnectionException || e instanceof ConnectionClosedException)
                && commandLine.getCommandSpec().root().userObject() instanceof Relay relay) {
            Optional<ProtocolException> cause = relay.protocolError();
            return cause.isPresent() ? cause.get() : e;
        }
        return e;
    }

    /**
     * Maps an exception that escaped the other handlers to its exit status.
     *
     * @param exception the failure
     * @return the exit status
     */
    @Override
    public int getExitCode(Throwable exception) {
        return describe(exception).exitCode();
    }

    /**
     * Prints a usage error as one line that points at the command's help, with picocli's spelling
     * suggestions when it has some.
     *
     * @param ex the parse failure
     * @param args the whole command line
     * @return {@link ExitCodes#USAGE}
     */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        StringBuilder line = new StringBuilder();
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            line.append("unknown command or argument '").append(u.getUnmatched().get(0)).append('\'');
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" — did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        } else {
            line.append(firstLine(ex.getMessage()));
        }
        line.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        print(cl.getErr(), line.toString());
        return ExitCodes.USAGE;
    }

    private static void print(PrintWriter err, String message) {
        err.println("relay: " + message);
        err.flush();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof CommandLine.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
