package dev.relay.cli;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Runs {@code relay} commands in-process, as {@link Relay#main} would, with stdout and stderr captured
 * and colours off. Thread-safe: every run has its own command line and writers.
 */
final class Cli {

    static final Duration WAIT = Duration.ofSeconds(15);

    private Cli() {
    }

    /** What a finished command printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    /** A command running on a background thread; its output can be read while it runs. */
    record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

        /** Waits until the command says it is listening (its subscription is registered). */
        Running awaitListening() {
            await().atMost(WAIT).until(() -> err.toString().contains("Listening on") || exit.isDone());
            if (exit.isDone()) {
                throw new AssertionError("the command ended before listening: exit " + exit.join() + ", " + err);
            }
            return this;
        }

        /** Waits for the command to end and returns what it printed. */
        Result result() throws Exception {
            int code = exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out.toString(), err.toString());
        }
    }

    /** Runs a command with an empty stdin and no environment, and waits for it. */
    static Result run(String... args) {
        return runWithStdin("", args);
    }

    /** Runs a command with the given stdin and no environment, and waits for it. */
    static Result runWithStdin(String stdin, String... args) {
        return execute(Map.of(), stdin, args);
    }

    /** Runs a command with an empty stdin and the given environment, and waits for it. */
    static Result runWithEnv(Map<String, String> env, String... args) {
        return execute(env, "", args);
    }

    private static Result execute(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = commandLine(env, input(stdin), out, err).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts a command on a daemon thread (a stuck command cannot keep the test JVM alive). */
    static Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = commandLine(Map.of(), input(""), out, err);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                exit.complete(cl.execute(args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "relay-cli-test");
        t.setDaemon(true);
        t.start();
        return new Running(exit, out, err);
    }

    private static CommandLine commandLine(Map<String, String> env, InputStream stdin, StringWriter out,
                                           StringWriter err) {
        CommandLine cl = Relay.newCommandLine(new Relay(env, stdin));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        return cl;
    }

    private static InputStream input(String stdin) {
        return new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    }
}
