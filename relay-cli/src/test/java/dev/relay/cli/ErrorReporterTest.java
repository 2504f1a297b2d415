package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.relay.nats.ServerErrorException;
import dev.relay.testkit.NatsServerException;
import dev.relay.testkit.NatsServerNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorReporterTest {

    @Test
    void mapsEachKindOfFailureToItsExitCode() {
        assertCode(new NatsTimeoutException("no reply"), ExitCodes.TIMEOUT);
        assertCode(new NoRespondersException("no responders on 'x'"), ExitCodes.NO_RESPONDERS);
        assertCode(new InvalidSubjectException("subject: 'a b' contains whitespace"), ExitCodes.INVALID_ARGUMENT);
        assertCode(new PayloadTooLargeException("too big"), ExitCodes.INVALID_ARGUMENT);
        assertCode(new IllegalArgumentException("servers: bad URL"), ExitCodes.INVALID_ARGUMENT);
        assertCode(new AuthenticationException("Authorization Violation"), ExitCodes.AUTH);
        assertCode(new AuthorizationException("Permissions Violation for Publish to \"x\""), ExitCodes.AUTH);
        assertCode(new ConnectionException("cannot connect"), ExitCodes.GENERAL);
        assertCode(new ConnectionClosedException("closed"), ExitCodes.GENERAL);
        assertCode(new ServerErrorException("Maximum Connections Exceeded"), ExitCodes.GENERAL);
        assertCode(new NatsException("other"), ExitCodes.GENERAL);
        assertCode(new NatsServerNotFoundException("nats-server not found"), ExitCodes.GENERAL);
        assertCode(new NatsServerException("failed to start"), ExitCodes.GENERAL);
        assertCode(new UncheckedIOException(new IOException("disk")), ExitCodes.GENERAL);
        assertCode(new NullPointerException(), ExitCodes.GENERAL);
    }

    @Test
    void looksThroughFutureWrappers() {
        assertCode(new CompletionException(new NoRespondersException("x")), ExitCodes.NO_RESPONDERS);
        assertCode(new ExecutionException(new CompletionException(new NatsTimeoutException("x"))), ExitCodes.TIMEOUT);
    }

    @Test
    void messagesSayWhatWentWrongAndWhatToDo() {
        assertThat(ErrorReporter.describe(new ConnectionException("cannot connect to nats://127.0.0.1:4222: "
                + "connection refused")).message())
                .isEqualTo("cannot connect to nats://127.0.0.1:4222: connection refused — start one with "
                        + "'nats-server' (or './relay demo --keep'), or pass -s URL");
        assertThat(ErrorReporter.describe(new InvalidSubjectException("subject: 'a b' contains whitespace")).message())
                .startsWith("invalid subject: 'a b' contains whitespace — subjects are dot-separated tokens");
        assertThat(ErrorReporter.describe(new AuthenticationException("Authorization Violation")).message())
                .contains("'Authorization Violation'").endsWith("check --user/--password, --token, --nkey or --creds");
        assertThat(ErrorReporter.describe(new NatsServerNotFoundException("nats-server not found")).message())
                .contains("apt-get install -y nats-server").contains("-s URL");
        assertThat(ErrorReporter.describe(new ProtocolException("size has too many digits", 96,
                "MSG foo 1 99999999999")).message())
                .isEqualTo("the server sent bytes that are not NATS: size has too many digits at offset 96: "
                        + "\"MSG foo 1 99999999999\" — is -s the client port of a NATS server (not another "
                        + "service or a proxy)?");
        assertThat(ErrorReporter.describe(new NullPointerException()).message())
                .startsWith("unexpected java.lang.NullPointerException: NullPointerException — this is a bug");
    }

    @Test
    void durationsInTheLibrarysMessagesAreWrittenAsPeopleWriteThem() {
        assertThat(ErrorReporter.describe(new ConnectionException("no NATS handshake from nats://127.0.0.1:4222 "
                + "within PT5S (is it a NATS server?)")).message())
                .startsWith("no NATS handshake from nats://127.0.0.1:4222 within 5s (is it a NATS server?)");
        assertThat(ErrorReporter.describe(new NatsTimeoutException("no message on 'x' within PT1M30S")).message())
                .startsWith("no message on 'x' within 1m30s — ");
        assertThat(ErrorReporter.describe(new NatsTimeoutException("no reply on 'x' within PT0.5S")).message())
                .startsWith("no reply on 'x' within 500ms — ").doesNotContain("PT");
    }

    @Test
    void multiLineMessagesAreCutToTheirFirstLine() {
        String message = ErrorReporter.describe(new NatsServerException("nats-server failed to start: exited\n"
                + "--- config ---\n  1  listen: x\n")).message();

        assertThat(message).isEqualTo("nats-server failed to start: exited");
    }

    @Test
    void printsOneLineOnTheCommandsStderr() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Relay());
        cl.setErr(new PrintWriter(err));

        int code = new ErrorReporter().handleExecutionException(new NoRespondersException("no responders on 'x'"),
                cl, null);

        assertThat(code).isEqualTo(ExitCodes.NO_RESPONDERS);
        assertThat(err.toString()).startsWith("relay: no responders on 'x' — ").endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void helpListsEveryExitCodeWithItsValue() throws IllegalAccessException {
        String help = Relay.newCommandLine(new Relay()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        String codes = help.substring(help.indexOf("Exit codes:"));
        int constants = 0;
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                constants++;
                assertThat(codes).as(f.getName()).containsPattern("(?m)^  " + f.getInt(null) + " ");
            }
        }
        assertThat(codes.lines().filter(l -> l.matches("  \\d .*"))).hasSize(constants);
    }

    private static void assertCode(Throwable error, int expected) {
        ErrorReporter.Failure f = ErrorReporter.describe(error);
        assertThat(f.exitCode()).as(error.toString()).isEqualTo(expected);
        assertThat(f.message()).as(error.toString()).doesNotContain("\n").isNotBlank();
        assertThat(new ErrorReporter().getExitCode(error)).isEqualTo(expected);
    }
}
