package dev.relay.cli;

import dev.relay.nats.jetstream.DiscardPolicy;
import dev.relay.nats.jetstream.JetStreamManagement;
import dev.relay.nats.jetstream.PurgeOptions;
import dev.relay.nats.jetstream.RetentionPolicy;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.nats.jetstream.StreamInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay stream add|ls|info|rm|purge|get}: JetStream stream management. Each subcommand connects,
 * makes its API calls and prints the outcome. Confined to the command's thread.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage JetStream streams.",
        subcommands = {StreamCommand.Add.class, StreamCommand.Ls.class, StreamCommand.Info.class,
            StreamCommand.Rm.class, StreamCommand.Purge.class, StreamCommand.Get.class},
        footer = {"%nExamples:",
            "  relay stream add ORDERS --subjects 'orders.>' --max-age 7d",
            "  relay stream ls",
            "  relay stream get ORDERS --last-for orders.new"})
final class StreamCommand extends JsRun.Group {

    /** Connects, runs the body with the management API, prints what it returns. */
    int run(CommandSpec sub, Function<JetStreamManagement, String> body) {
        return JsRun.print(relay, sub, js -> body.apply(js.management()));
    }

    /** What the subcommands on one stream share: its name. */
    abstract static class OnStream implements Callable<Integer> {
        @ParentCommand StreamCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "stream name")
        String name;
    }

    /** {@code relay stream add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a stream (flags override what --config gives).")
    static final class Add extends OnStream {
        @Option(names = "--subjects", split = ",", paramLabel = "SUBJECT", description = "subjects to store, comma-separated")
        List<String> subjects;
        @Option(names = "--storage", paramLabel = "file|memory", description = "where to keep messages (default: file)")
        String storage;
        @Option(names = "--retention", paramLabel = "limits|interest|workqueue", description = "retention policy")
        String retention;
        @Option(names = "--discard", paramLabel = "old|new", description = "what to do at a limit")
        String discard;
        @Option(names = "--max-msgs", paramLabel = "N", description = "most messages (-1 unlimited)")
        Long maxMsgs;
        @Option(names = "--max-bytes", paramLabel = "N", description = "most bytes (-1 unlimited)")
        Long maxBytes;
        @Option(names = "--max-age", paramLabel = "DURATION", description = "oldest message age, e.g. 1h")
        Duration maxAge;
        @Option(names = "--max-msgs-per-subject", paramLabel = "N", description = "most messages per subject")
        Long maxPerSubject;
        @Option(names = "--max-msg-size", paramLabel = "BYTES", description = "largest message")
        Long maxMsgSize;
        @Option(names = "--replicas", paramLabel = "N", description = "number of replicas")
        Integer replicas;
        @Option(names = "--dupe-window", paramLabel = "DURATION", description = "deduplication window")
        Duration dupeWindow;
        @Option(names = "--description", paramLabel = "TEXT", description = "description")
        String description;
        @Option(names = "--allow-direct", description = "allow direct get")
        boolean allowDirect;
        @Option(names = "--allow-rollup", description = "allow Nats-Rollup headers")
        boolean allowRollup;
        @Option(names = "--deny-delete", description = "refuse deleting messages")
        boolean denyDelete;
        @Option(names = "--deny-purge", description = "refuse purging")
        boolean denyPurge;
        @Option(names = "--config", paramLabel = "FILE.json", description = "stream configuration in the API's JSON")
        Path config;

        @Override
        public Integer call() {
            StreamConfig base = config == null ? StreamConfig.builder(name).build()
                : StreamConfig.fromJson(JsFormat.withName(JsFormat.readFile(config), name));
            StreamConfig.Builder b = base.toBuilder();
            if (subjects != null) {
                b.subjects(subjects);
            }
            JsRun.setIf(JsFormat.enumArg(StorageType.class, "--storage", storage), b::storage);
            JsRun.setIf(JsFormat.enumArg(RetentionPolicy.class, "--retention", retention), b::retention);
            JsRun.setIf(JsFormat.enumArg(DiscardPolicy.class, "--discard", discard), b::discard);
            JsRun.setIf(maxMsgs, b::maxMessages);
            JsRun.setIf(maxBytes, b::maxBytes);
            JsRun.setIf(maxAge, b::maxAge);
            JsRun.setIf(maxPerSubject, b::maxMessagesPerSubject);
            JsRun.setIf(maxMsgSize, b::maxMessageSize);
            JsRun.setIf(replicas, b::replicas);
            JsRun.setIf(dupeWindow, b::duplicateWindow);
            JsRun.setIf(description, b::description);
            // Flags only switch a setting on, so one from --config stays unless given.
            b.allowDirect(allowDirect || base.allowDirect()).allowRollup(allowRollup || base.allowRollup())
                .denyDelete(denyDelete || base.denyDelete()).denyPurge(denyPurge || base.denyPurge());
            StreamConfig cfg = b.build();
            return parent.run(spec, jsm -> "Created stream " + name + "\n" + JsFormat.stream(jsm.addStream(cfg)));
        }
    }

    /** {@code relay stream ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List streams: name, messages, bytes, subjects.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand StreamCommand parent;
        @Spec CommandSpec spec;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "only streams storing this subject")
        String subject;
        @Option(names = "--names", description = "print only the names")
        boolean namesOnly;

        @Override
        public Integer call() {
            return parent.run(spec, jsm -> {
                StringBuilder b = new StringBuilder();
                if (namesOnly) {
                    (subject == null ? jsm.streamNames() : jsm.streamNames(subject)).forEach(n -> b.append(n).append('\n'));
                    return b.toString();
                }
                List<StreamInfo> all = subject == null ? jsm.streams() : jsm.streams(subject);
                if (all.isEmpty()) {
                    return "No streams\n";
                }
                for (StreamInfo i : all) {
                    b.append(String.format("%-24s %10d msgs %12d B  %s%n", i.config().name(), i.state().messages(),
                        i.state().bytes(), String.join(",", i.config().subjects())));
                }
                return b.toString();
            });
        }
    }

    /** {@code relay stream info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a stream's configuration and state.")
    static final class Info extends OnStream {
        @Option(names = "--subjects", paramLabel = "FILTER", description = "also count messages per subject matching FILTER")
        String subjects;
        @Option(names = "--json", description = "print the configuration as the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return parent.run(spec, jsm -> {
                StreamInfo info = subjects == null ? jsm.streamInfo(name) : jsm.streamInfo(name, subjects);
                return json ? info.config().toJson() + "\n" : JsFormat.stream(info);
            });
        }
    }

    /** {@code relay stream rm}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a stream with its messages and consumers.")
    static final class Rm extends OnStream {
        @Override
        public Integer call() {
            return parent.run(spec, jsm -> {
                jsm.deleteStream(name);
                return "Deleted stream " + name + "\n";
            });
        }
    }

    /** {@code relay stream purge}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Remove messages from a stream.")
    static final class Purge extends OnStream {
        @Option(names = "--subject", paramLabel = "SUBJECT", description = "only messages of this subject")
        String subject;
        @Option(names = "--keep", paramLabel = "N", description = "keep the newest N")
        long keep;
        @Option(names = "--seq", paramLabel = "SEQ", description = "only messages below this sequence")
        long seq;

        @Override
        public Integer call() {
            PurgeOptions o = new PurgeOptions(subject == null ? "" : subject, keep, seq);
            return parent.run(spec, jsm -> "Purged " + jsm.purgeStream(name, o) + " messages from " + name + "\n");
        }
    }

    /** {@code relay stream get}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one stored message.")
    static final class Get extends OnStream {
        @Parameters(index = "1", arity = "0..1", paramLabel = "SEQ", description = "sequence of the message")
        Long seq;
        @Option(names = "--last-for", paramLabel = "SUBJECT", description = "the last message of SUBJECT instead")
        String lastFor;

        @Override
        public Integer call() {
            if ((seq == null) == (lastFor == null)) {
                throw new IllegalArgumentException("give either SEQ or --last-for SUBJECT");
            }
            return parent.run(spec, jsm -> JsFormat.message(seq != null ? jsm.getMessage(name, seq)
                : jsm.getLastMessage(name, lastFor)));
        }
    }
}
