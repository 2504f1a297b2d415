package dev.relay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Replies;
import dev.relay.nats.RequestManyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay svc}: finds NATS micro services (ADR-32) and shows their info and stats, or runs a tiny
 * echo service. The query subcommands send one request on {@code $SRV.VERB[.NAME[.ID]]} and gather
 * every answer within {@code --wait}: tables for people, one JSON object a line with {@code --json}.
 * Confined to the command's thread.
 */
@Command(name = "svc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Discover NATS micro services, show their info and stats, or run an echo service.",
        subcommands = {SvcCommand.Ls.class, SvcCommand.Info.class, SvcCommand.Stats.class, SvcCommand.Ping.class,
            SvcEchoCommand.class},
        footer = {"%nExamples:",
            "  relay svc ls",
            "  relay svc stats calc --json",
            "  relay svc echo demo --queue q"})
final class SvcCommand implements Callable<Integer> {

    @ParentCommand
    Relay relay;

    @Spec
    private CommandSpec spec;

    /** Without a subcommand, shows the help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** What the query subcommands share: the target, the wait window, the output form. */
    abstract static class Query implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        SvcCommand svc;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only services of this name")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "only the instance with this id")
        String id;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "1s",
                description = "how long to gather answers, e.g. 500ms, 2s (default: ${DEFAULT-VALUE})")
        Duration wait;

        @Option(names = "--json", description = "print each answer as the service sent it, one JSON object a line")
        boolean json;

        /** The verb of {@code $SRV.VERB}. */
        abstract String verb();

        /** Whether no answer at all is a failure (exit status 4) rather than an empty listing. */
        boolean answerRequired() {
            return true;
        }

        /** Prints the answers for people. */
        abstract void render(List<Answer> answers, PrintWriter out);

        /** One service's answer and how long after the request it arrived. */
        record Answer(JsonNode json, Duration after) {
        }

        @Override
        public Integer call() {
            String subject = "$SRV." + verb() + (name == null ? "" : "." + name + (id == null ? "" : "." + id));
            RequestManyOptions options = RequestManyOptions.builder().totalWait(wait).maxMessages(id == null ? 0 : 1)
                    .build();
            List<Answer> answers = new ArrayList<>();
            PrintWriter out = spec.commandLine().getOut();
            try (Connection nc = svc.relay.connect()) {
                long start = System.nanoTime();
                try (Replies replies = nc.requestMany(subject, new byte[0], options)) {
                    for (Message m : replies) {
                        Answer a = new Answer(parse(m), Duration.ofNanos(System.nanoTime() - start));
                        if (json) {
                            out.println(a.json().toString());
                            out.flush();
                        }
                        answers.add(a);
                    }
                }
            }
            if (answers.isEmpty()) {
                String what = "no service answered on " + subject + " within " + DurationConverter.format(wait);
                if (answerRequired()) {
                    throw new NoRespondersException(what);
                }
                spec.commandLine().getErr().println(what + " (start one with 'relay svc echo NAME')");
                spec.commandLine().getErr().flush();
                return ExitCodes.OK;
            }
            if (!json) {
                answers.sort((x, y) -> (text(x.json(), "name") + text(x.json(), "id"))
                        .compareTo(text(y.json(), "name") + text(y.json(), "id")));
                render(answers, out);
            }
            out.flush();
            return ExitCodes.OK;
        }

        private JsonNode parse(Message m) {
            try {
                return JSON.readTree(m.data());
            } catch (IOException e) {
                return JSON.createObjectNode().put("error", "not JSON: " + m.dataAsString());
            }
        }

        static String text(JsonNode n, String field) {
            return n.path(field).asText("");
        }

        static String metadata(JsonNode n) {
            List<String> parts = new ArrayList<>();
            n.path("metadata").fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }

        static String orDash(String s) {
            return s == null || s.isEmpty() ? "-" : s;
        }
    }

    /** {@code relay svc ls}: one line per running instance. */
    @Command(name = "ls", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the running service instances (from their INFO answers).")
    static final class Ls extends Query {
        @Override
        String verb() {
            return "INFO";
        }

        @Override
        boolean answerRequired() {
            return false;
        }

        @Override
        void render(List<Answer> answers, PrintWriter out) {
            TextTable t = new TextTable("NAME", "VERSION", "ID", "ENDPOINTS", "DESCRIPTION");
            for (Answer a : answers) {
                JsonNode n = a.json();
                t.row(text(n, "name"), text(n, "version"), text(n, "id"), n.path("endpoints").size(),
                        orDash(text(n, "description")));
            }
            t.print(out);
        }
    }

    /** {@code relay svc info}: each instance with its endpoints. */
    @Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show each service instance's description, metadata and endpoints.")
    static final class Info extends Query {
        @Override
        String verb() {
            return "INFO";
        }

        @Override
        void render(List<Answer> answers, PrintWriter out) {
            for (Answer a : answers) {
                JsonNode n = a.json();
                out.println(text(n, "name") + " " + text(n, "version") + " (" + text(n, "id") + ")");
                out.println("  description: " + orDash(text(n, "description")));
                out.println("  metadata:    " + metadata(n));
                TextTable t = new TextTable("  ENDPOINT", "SUBJECT", "QUEUE GROUP", "METADATA");
                for (JsonNode e : n.path("endpoints")) {
                    t.row("  " + text(e, "name"), text(e, "subject"), orDash(text(e, "queue_group")), metadata(e));
                }
                t.print(out);
                out.println();
            }
        }
    }

    /** {@code relay svc stats}: the counters of every endpoint of every instance. */
    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show the request, error and processing-time counters of every endpoint.")
    static final class Stats extends Query {
        @Override
        String verb() {
            return "STATS";
        }

        @Override
        void render(List<Answer> answers, PrintWriter out) {
            TextTable t = new TextTable("NAME", "ID", "ENDPOINT", "REQUESTS", "ERRORS", "PROCESSING", "AVERAGE",
                    "LAST ERROR");
            for (Answer a : answers) {
                JsonNode n = a.json();
                for (JsonNode e : n.path("endpoints")) {
                    t.row(text(n, "name"), text(n, "id"), text(e, "name"), e.path("num_requests").asLong(),
                            e.path("num_errors").asLong(), nanos(e.path("processing_time").asLong()),
                            nanos(e.path("average_processing_time").asLong()), orDash(text(e, "last_error")));
                }
            }
            t.print(out);
        }

        private static String nanos(long n) {
            return n < 1_000_000 ? String.format("%.1fus", n / 1e3) : String.format("%.2fms", n / 1e6);
        }
    }

    /** {@code relay svc ping}: who answers, and how fast. */
    @Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Ping service instances and show how long each took to answer.")
    static final class Ping extends Query {
        @Override
        String verb() {
            return "PING";
        }

        @Override
        void render(List<Answer> answers, PrintWriter out) {
            TextTable t = new TextTable("NAME", "VERSION", "ID", "RTT");
            for (Answer a : answers) {
                JsonNode n = a.json();
                t.row(text(n, "name"), text(n, "version"), text(n, "id"),
                        String.format("%.2fms", a.after().toNanos() / 1e6));
            }
            t.print(out);
        }
    }
}
