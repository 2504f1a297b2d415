package dev.relay.cli;

import dev.relay.console.ConnectionLog;
import dev.relay.console.ConsoleException;
import dev.relay.console.ConsoleOptions;
import dev.relay.console.ConsoleServer;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay console}: connects to the server (reconnecting without limit), starts the web console
 * on it, prints the URL to open and the API token, and serves until Ctrl-C (or {@code --for}).
 * {@code relay demo --console} serves the same way through {@link #serve}. Confined to the command's
 * thread; the console runs on its own threads.
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Web console: publish, subscribe and watch messages flow, request/reply, server monitor.",
            "Serves a single page and a JSON API on http://127.0.0.1:8080 (loopback only unless --bind);",
            "every API call needs the access token it prints."},
        footer = {"%nExamples:",
            "  relay console",
            "  relay -s nats://127.0.0.1:4222 console --port 9090 --monitor http://127.0.0.1:8222",
            "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/nats/status"})
final class ConsoleCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ConsoleOptions.DEFAULT_PORT,
            description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ConsoleOptions.DEFAULT_BIND,
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only); "
                    + "anything else makes the console reachable from the network")
    private String bind;

    @Option(names = "--monitor", paramLabel = "URL",
            description = "the server's monitoring URL (nats-server -m 8222), e.g. http://127.0.0.1:8222, "
                    + "for the monitor panel (/varz, /connz)")
    private URI monitor;

    @Option(names = "--access-token", paramLabel = "TOKEN",
            description = "the token API calls must carry (default: a random one, printed at start); "
                    + "not to be confused with --token, the NATS server's")
    private String accessToken;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "stop by itself after this long, e.g. 10m (default: until Ctrl-C)")
    private Duration runFor;

    @Override
    public Integer call() {
        run(relay, spec.commandLine(), relay.serverUrl(), options(spec.commandLine(), port, bind, monitor, accessToken),
                runFor);
        return ExitCodes.OK;
    }

    /**
     * Connects to the server(s), serves the console on that connection until Ctrl-C or {@code runFor},
     * then stops the console and drains and closes the connection.
     *
     * @param relay the top command with the global options
     * @param cl the command line whose out/err to print on
     * @param urls the server(s)
     * @param options where the console listens
     * @param runFor how long to serve, or null for until Ctrl-C
     */
    static void run(Relay relay, CommandLine cl, String urls, ConsoleOptions options, Duration runFor) {
        ConnectionLog log = new ConnectionLog();
        try (UntilStopped run = new UntilStopped()) {
            ConnectionWatch watch = new ConnectionWatch();
            Connection nc = connect(relay, urls, log, watch, cl.getErr());
            run.watch(nc, watch);
            serve(cl, nc, options, log, run, runFor);
        }
    }

    /**
     * Connects for a console: the global options, reconnecting without limit, events to the console's
     * log and, one line each, to stderr.
     *
     * @param relay the top command with the global options
     * @param urls the server(s)
     * @param log the console's event log
     * @param watch hears denials and the connection's state
     * @param err where event lines go
     * @return the open connection
     */
    private static Connection connect(Relay relay, String urls, ConnectionLog log, ConnectionWatch watch, PrintWriter err) {
        return Nats.connect(relay.options(urls).toBuilder()
                .reconnect(r -> r.maxReconnects(-1))
                .connectionListener(event -> {
                    log.onEvent(event);
                    watch.connectionListener().onEvent(event);
                    watch.lineFor(event).ifPresent(line -> {
                        err.println(line);
                        err.flush();
                    });
                })
                .errorListener(watch.errorListener())
                .build());
    }

    /**
     * Checks the console options given on a command line.
     *
     * @throws ParameterException for a bad port, address, monitor URL or token
     */
    static ConsoleOptions options(CommandLine cl, int port, String bind, URI monitor, String accessToken) {
        try {
            ConsoleOptions.Builder b = ConsoleOptions.builder().port(port).bindAddress(bind);
            if (monitor != null) {
                b.monitorUrl(monitor);
            }
            if (accessToken != null) {
                b.accessToken(accessToken);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
    }

    /**
     * Starts the console on a connection, says where it is, and serves until {@code run} ends (Ctrl-C)
     * or {@code runFor} passed. Stops the console before returning; the connection stays the caller's.
     *
     * @param cl the command line whose out/err to print on
     * @param nc the connection
     * @param options where to listen
     * @param log the connection's event log
     * @param run the command's run, ended by Ctrl-C
     * @param runFor how long to serve, or null for until Ctrl-C
     * @throws ParameterException if the port cannot be bound
     */
    private static void serve(CommandLine cl, Connection nc, ConsoleOptions options, ConnectionLog log, UntilStopped run,
            Duration runFor) {
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (!isLoopback(options.bindAddress())) {
            err.println("relay: warning: the console listens on " + options.bindAddress()
                    + ", reachable from other machines; anyone with the token can publish and read messages");
        }
        ConsoleServer console;
        try {
            console = ConsoleServer.start(nc, options, log);
        } catch (ConsoleException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        try {
            out.println("Relay console for " + String.join(",", nc.options().servers().stream()
                    .map(u -> u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).toList()));
            out.println("  open   " + console.browserUri());
            out.println("  token  " + console.accessToken() + "   (API: curl -H 'Authorization: Bearer "
                    + console.accessToken() + "' " + console.uri() + "api/nats/status)");
            out.println(runFor == null ? "Ctrl-C to stop." : "Stops by itself in " + DurationConverter.format(runFor) + ".");
            out.flush();
            if (runFor != null) {
                CompletableFuture.delayedExecutor(runFor.toNanos(), TimeUnit.NANOSECONDS).execute(run::finish);
            }
            run.await();
        } finally {
            console.close();
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // binding will fail with its own message
        }
    }
}
