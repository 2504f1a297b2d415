package dev.relay.cli.bench;

import dev.relay.cli.ExitCodes;
import dev.relay.cli.Relay;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay bench}: measures Relay against a server in the spirit of {@code nats bench}, running
 * the shared {@link RelayWorkloads}; prints a progress bar on a terminal, then a summary table or one
 * JSON object. Confined to the command's thread (publishers and the bar get threads of their own).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark publishing, subscribing or request/reply against the server.",
            "pub: publishers only; sub: subscribers counting what others publish; pubsub: both in this "
                + "process; reqrep: requests to an echo responder on its own connection."},
        footer = {"%nExamples:",
            "  relay bench pub --msgs 1000000 --size 16",
            "  relay bench pubsub --pubs 2 --subs 2 --json",
            "  relay bench pub --batch 1000 --size 16         (publish through Connection.batch)",
            "  relay bench pubsub --inline                    (subscriber handlers on the I/O thread)",
            "  relay bench sub --msgs 100000            (then run 'relay bench pub' elsewhere)",
            "  relay bench reqrep --inflight 64"})
public final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private Relay relay;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "pub, sub, pubsub or reqrep")
    private String mode;

    @Option(names = "--msgs", paramLabel = "N", defaultValue = "100000",
            description = "messages (or requests) to time, all publishers together (default: ${DEFAULT-VALUE})")
    private long msgs;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "128",
            description = "payload size in bytes (default: ${DEFAULT-VALUE})")
    private int size;

    @Option(names = "--pubs", paramLabel = "P", defaultValue = "1",
            description = "publishers, each on its own connection (pub, pubsub; default: ${DEFAULT-VALUE})")
    private int pubs;

    @Option(names = "--subs", paramLabel = "S",
            description = "subscribers, each on its own connection, each receiving every message "
                + "(sub, pubsub; default: 1)")
    private Integer subs;

    @Option(names = "--inflight", paramLabel = "K", defaultValue = "1",
            description = "requests kept outstanding (reqrep; 1 = blocking one at a time; default: ${DEFAULT-VALUE})")
    private int inflight;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "publish N messages per Connection.batch call (pub, pubsub; default: ${DEFAULT-VALUE}, "
                + "i.e. one publish call per message)")
    private int batch;

    @Option(names = "--inline",
            description = "subscribers use an inline dispatcher: handlers run on the I/O thread (sub, pubsub)")
    private boolean inline;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "messages (or requests) sent before timing starts (default: ${DEFAULT-VALUE})")
    private long warmup;

    @Option(names = "--subject", paramLabel = "SUBJECT",
            description = "subject to use (default: " + RelayWorkloads.MSGS_SUBJECT + ", reqrep: "
                + RelayWorkloads.REQUEST_SUBJECT + ")")
    private String subject;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    private boolean json;

    /** Creates the command; picocli fills in the options. */
    public BenchCommand() {
    }

    @Override
    public Integer call() {
        String m = mode.toLowerCase(Locale.ROOT);
        BenchSpec benchSpec = benchSpec(m);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(m.equals("sub") ? benchSpec.msgs() : benchSpec.warmup() + benchSpec.msgs());
        ProgressBar bar = System.console() != null ? ProgressBar.start(err, m, progress) : null;
        BenchResult result;
        try {
            result = run(m, benchSpec, progress, err);
        } finally {
            if (bar != null) {
                bar.stop();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BenchReport.json(result));
        } else {
            out.print(describe(m, benchSpec));
            out.print(BenchReport.table(result));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private BenchResult run(String m, BenchSpec s, Progress progress, PrintWriter err) {
        Connector connector = relay::connect;
        switch (m) {
            case "pub":
            case "pubsub":
                return RelayWorkloads.pubSub(connector, s, progress);
            case "sub":
                return RelayWorkloads.sub(connector, s, progress, () -> {
                    err.println("Listening on " + s.subject() + " for " + String.format(Locale.ROOT, "%,d", s.msgs())
                        + " messages (" + Math.max(1, s.subs()) + " subscribers)");
                    err.flush();
                });
            default:
                return RelayWorkloads.reqRep(connector, s, progress);
        }
    }

    private BenchSpec benchSpec(String m) {
        if (!m.equals("pub") && !m.equals("sub") && !m.equals("pubsub") && !m.equals("reqrep")) {
            throw usage("MODE must be pub, sub, pubsub or reqrep, got '" + mode + "'");
        }
        if (msgs < 1) {
            throw usage("--msgs must be at least 1, got " + msgs);
        }
        if (size < 0 || pubs < 1 || inflight < 1 || batch < 1 || warmup < 0 || (subs != null && subs < 0)) {
            throw usage("--size and --warmup must not be negative; --pubs, --inflight and --batch must be at least 1");
        }
        if (m.equals("pub") && subs != null && subs > 0) {
            throw usage("'pub' has no subscribers; use 'pubsub' for publishers and subscribers in one process");
        }
        if (m.equals("reqrep") && (pubs != 1 || subs != null)) {
            throw usage("--pubs and --subs do not apply to reqrep; use --inflight for concurrency");
        }
        if (!m.equals("reqrep") && inflight != 1) {
            throw usage("--inflight applies to reqrep only");
        }
        if (batch != 1 && !m.equals("pub") && !m.equals("pubsub")) {
            throw usage("--batch applies to pub and pubsub only");
        }
        if (inline && !m.equals("sub") && !m.equals("pubsub")) {
            throw usage("--inline applies to sub and pubsub only");
        }
        int s = m.equals("pub") || m.equals("reqrep") ? 0 : (subs == null ? 1 : Math.max(1, subs));
        String subj = subject != null ? subject
            : m.equals("reqrep") ? RelayWorkloads.REQUEST_SUBJECT : RelayWorkloads.MSGS_SUBJECT;
        try {
            return new BenchSpec(subj, msgs, size, warmup, pubs, s, inflight, batch, inline);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static String describe(String m, BenchSpec s) {
        String who;
        switch (m) {
            case "pub":
                who = s.pubs() + (s.pubs() == 1 ? " publisher" : " publishers");
                break;
            case "sub":
                who = s.subs() + (s.subs() == 1 ? " subscriber" : " subscribers");
                break;
            case "pubsub":
                who = s.pubs() + (s.pubs() == 1 ? " publisher, " : " publishers, ") + s.subs()
                    + (s.subs() == 1 ? " subscriber" : " subscribers");
                break;
            default:
                who = s.inflight() == 1 ? "1 request at a time" : s.inflight() + " requests in flight";
                break;
        }
        return String.format(Locale.ROOT, "Relay bench %s on %s: %s, %,d messages of %d B, warm-up %,d%n%n",
            m, s.subject(), who, s.msgs(), s.size(), s.warmup());
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
