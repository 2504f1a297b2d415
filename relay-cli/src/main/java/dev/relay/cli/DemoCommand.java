package dev.relay.cli;

import dev.relay.console.ConsoleOptions;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay demo}: starts a local nats-server (unless {@code -s} names one), runs the {@link Tour}
 * on it, stops it (or, with {@code --keep}, leaves it running and says how to stop it), and ends with
 * commands to try next. Confined to the command's thread.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A one-minute guided tour of NATS with Relay: start here.",
            "Shows wildcards, queue groups, headers, request/reply, no responders and statistics,",
            "each with its Java one-liner. It starts a local nats-server with JetStream on a free",
            "port and stops it afterwards; with -s URL it uses that server instead.",
            "With --console it then serves the web console on that server until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Option(names = "--keep",
            description = "leave the demo's nats-server running afterwards, to try more commands on it")
    private boolean keep;

    @Option(names = "--console",
            description = "after the tour, serve the web console on the demo's server until Ctrl-C")
    private boolean console;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + ConsoleOptions.DEFAULT_PORT,
            description = "the web console's port with --console; 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int consolePort;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "with --console: stop the console by itself after this long, e.g. 10m")
    private Duration consoleFor;

    @Override
    public Integer call() {
        DemoOutput out = new DemoOutput(spec.commandLine().getOut(), spec.commandLine().getColorScheme().ansi());
        long startNanos = System.nanoTime();
        out.title("Relay demo: a one-minute tour of NATS with Relay");
        out.say("Relay " + Nats.VERSION + " on Java " + System.getProperty("java.version")
                + ". Each step says what it shows, gives the Java for it, then runs it.");
        NatsServer server = startServerUnlessGiven(out);
        String url = server == null ? relay.serverUrl() : server.url();
        boolean kept = false;
        long tourNanos = 0;
        try {
            out.heading("Connecting");
            out.code("Connection nc = Nats.connect(\"" + url + "\");");
            try (Connection nc = relay.connect(url)) {
                out.result("connected to nats-server " + nc.serverInfo().version() + " ("
                        + nc.serverInfo().serverName() + ")");
                long tourStartNanos = System.nanoTime();
                new Tour(nc, out).run();
                tourNanos = System.nanoTime() - tourStartNanos;
            }
            if (console) {
                serveConsole(out, url);
            }
            if (server != null && keep) {
                server.detach();
                kept = true;
            }
        } finally {
            if (server != null) {
                server.close(); // does nothing once detached
            }
        }
        out.heading("Done");
        out.say("The tour took " + DemoOutput.elapsed(tourNanos) + "; the whole demo "
                + DemoOutput.elapsed(System.nanoTime() - startNanos)
                + (server == null ? "." : kept ? ", starting nats-server included."
                        : ", starting and stopping nats-server included."));
        if (kept) {
            printKept(out, server);
        } else if (server != null) {
            out.say("The demo's nats-server is stopped. Add --keep to leave it running.");
        } else if (keep) {
            out.say("(--keep does nothing with -s: the demo started no server.)");
        }
        tryNext(out, kept || server == null ? url : null);
        return ExitCodes.OK;
    }

    /** Serves the web console on the demo's server until Ctrl-C or {@code --for}. */
    private void serveConsole(DemoOutput out, String url) {
        out.heading("Web console");
        out.say("Watch messages flow in a browser: publish, subscribe with wildcards, request/reply.");
        ConsoleOptions options = ConsoleCommand.options(spec.commandLine(), consolePort, ConsoleOptions.DEFAULT_BIND,
                null, null);
        ConsoleCommand.run(relay, spec.commandLine(), url, options, consoleFor);
    }

    private NatsServer startServerUnlessGiven(DemoOutput out) {
        if (relay.serverGiven()) {
            out.say("Using the server given with -s: " + UntilStopped.withoutUserInfo(relay.serverUrl()));
            return null;
        }
        out.say("Starting a local nats-server (JetStream on, free loopback port)…");
        NatsServer server = NatsServer.start(NatsServerConfig.builder().jetStream(true).build());
        out.result("nats-server " + server.version() + " is up at " + server.url() + " (pid " + server.pid() + ")");
        return server;
    }

    private static void printKept(DemoOutput out, NatsServer server) {
        out.say("The demo's nats-server keeps running:");
        out.indent("URL    " + server.url());
        out.indent("PID    " + server.pid());
        out.indent("files  " + server.workDir() + " (config, log, JetStream store)");
        out.indent("stop   kill " + server.pid());
    }

    /** Prints commands to try: on the given server, or generic ones when the demo's server is gone. */
    private static void tryNext(DemoOutput out, String url) {
        out.heading("Try next:");
        if (url == null) {
            out.command("run the tour again and keep its server running, with commands to try on it",
                    "./relay demo --keep");
            out.command("or start a server yourself (it listens on nats://127.0.0.1:4222), then use it",
                    "nats-server &", "./relay sub 'demo.>'");
            out.command("in another terminal: publish three messages, numbered",
                    "./relay pub demo.hello 'Hello #{{n}}' --count 3");
            out.command("a service in one terminal, a request from another",
                    "./relay reply demo.greet 'Hello there'", "./relay req demo.greet hi");
        } else {
            String relay = "./relay -s " + url;
            out.command("watch everything under demo. (Ctrl-C to stop)", relay + " sub 'demo.>'");
            out.command("in another terminal: publish three messages, numbered",
                    relay + " pub demo.hello 'Hello #{{n}}' --count 3");
            out.command("a service in one terminal, a request from another",
                    relay + " reply demo.greet 'Hello there'", relay + " req demo.greet hi");
            out.command("no responders: fails at once with exit status 4",
                    relay + " req demo.nobody hi; echo \"exit status $?\"");
        }
        out.command("every command and option", "./relay --help");
    }
}
