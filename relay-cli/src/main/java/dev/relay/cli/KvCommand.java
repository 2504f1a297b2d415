package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.kv.KeyValue;
import dev.relay.nats.kv.KeyValueConfig;
import dev.relay.nats.kv.KeyValueEntry;
import dev.relay.nats.kv.KeyValueManagement;
import dev.relay.nats.kv.KeyValueStatus;
import dev.relay.nats.kv.WatchOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay kv …}: Key-Value buckets and entries. Each subcommand connects, does its work and prints
 * the outcome; {@code watch} runs until Ctrl-C or {@code --count}. Confined to the command's thread.
 */
@Command(name = "kv", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Use Key-Value buckets (shared with nats.go, nats.js and the nats CLI).",
        subcommands = {KvCommand.Add.class, KvCommand.Put.class, KvCommand.Get.class, KvCommand.Create.class,
            KvCommand.Update.class, KvCommand.Del.class, KvCommand.Purge.class, KvCommand.Ls.class,
            KvCommand.Keys.class, KvCommand.History.class, KvCommand.Watch.class, KvCommand.Status.class,
            KvCommand.Rm.class},
        footer = {"%nExamples:",
            "  relay kv add config --history 5",
            "  relay kv put config color blue",
            "  relay kv update config color red 3",
            "  relay kv watch config 'color.>'"})
final class KvCommand extends JsRun.BucketGroup<KeyValue, KeyValueManagement> {

    @Override
    KeyValue bucket(JetStream js, String name) {
        return KeyValue.of(js, name);
    }

    @Override
    KeyValueManagement management(JetStream js) {
        return KeyValueManagement.of(js);
    }

    static String entry(KeyValueEntry e) {
        return switch (e.operation()) {
            case PUT -> e.key() + " rev " + e.revision() + " " + e.created() + ": " + e.valueAsString() + "\n";
            case DELETE, PURGE -> e.key() + " rev " + e.revision() + " " + e.created() + ": <" + e.operation() + ">\n";
        };
    }

    static String status(KeyValueStatus s) {
        KeyValueConfig c = s.config();
        return String.format("Bucket:         %s%nDescription:    %s%nValues:         %d%nBytes:          %d%n"
                + "History:        %d%nTTL:            %s%nMax value size: %s%nMax bucket:     %s%nStorage:        %s%n"
                + "Replicas:       %d%nBacking store:  %s (stream %s)%n", c.bucket(), c.description(), s.values(),
            s.bytes(), c.history(), c.ttl().isZero() ? "none" : DurationConverter.format(c.ttl()), limit(c.maxValueSize()),
            limit(c.maxBucketSize()), c.storage().name().toLowerCase(java.util.Locale.ROOT), c.replicas(),
            s.backingStore(), s.streamInfo().config().name());
    }

    private static String limit(long n) {
        return n < 0 ? "unlimited" : Long.toString(n);
    }

    /** The value argument, or standard input when it is absent. */
    byte[] value(String arg) {
        if (arg != null) {
            return arg.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return relay.stdin().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the value from standard input", e);
        }
    }

    /** What the subcommands on one key share: the bucket and the key, and how a change is reported. */
    abstract static class OnKey extends JsRun.OnBucket<KvCommand> {
        @Parameters(index = "1", paramLabel = "KEY") String key;

        /** Connects, applies the change, prints "{@code done} KEY at revision N". */
        int change(String done, ToLongFunction<KeyValue> op) {
            return parent.withBucket(spec, bucket, kv -> done + " " + key + " at revision " + op.applyAsLong(kv) + "\n");
        }
    }

    /** A change that writes a value: from the argument, or standard input when it is absent. */
    abstract static class OnKeyWithValue extends OnKey {
        @Parameters(index = "2", paramLabel = "VALUE", arity = "0..1") String value;
    }

    /** {@code relay kv add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false, description = "Create a bucket.")
    static final class Add extends JsRun.OnBucket<KvCommand> {
        @Option(names = "--history", paramLabel = "N", description = "revisions kept per key, 1-64 (default 1)") Integer history;
        @Option(names = "--ttl", paramLabel = "DURATION", description = "how long values live") Duration ttl;
        @Option(names = "--max-value-size", paramLabel = "BYTES", description = "largest value") Long maxValueSize;
        @Option(names = "--max-bytes", paramLabel = "BYTES", description = "bucket size limit") Long maxBytes;
        @Option(names = "--storage", paramLabel = "file|memory", description = "where to keep values (default: file)") String storage;
        @Option(names = "--replicas", paramLabel = "N", description = "replicas") Integer replicas;
        @Option(names = "--description", paramLabel = "TEXT", description = "description") String description;

        @Override
        public Integer call() {
            KeyValueConfig.Builder b = KeyValueConfig.builder(bucket);
            JsRun.setIf(history, b::history);
            JsRun.setIf(ttl, b::ttl);
            JsRun.setIf(maxValueSize, b::maxValueSize);
            JsRun.setIf(maxBytes, b::maxBucketSize);
            JsRun.setIf(JsFormat.enumArg(StorageType.class, "--storage", storage), b::storage);
            JsRun.setIf(replicas, b::replicas);
            JsRun.setIf(description, b::description);
            KeyValueConfig cfg = b.build();
            return parent.withManagement(spec, kvm -> {
                kvm.create(cfg);
                return "Created bucket " + bucket + "\n" + status(kvm.status(bucket));
            });
        }
    }

    /** {@code relay kv put}. */
    @Command(name = "put", mixinStandardHelpOptions = true, description = "Set a value (from stdin when VALUE is absent).")
    static final class Put extends OnKeyWithValue {
        @Override
        public Integer call() {
            byte[] v = parent.value(value);
            return change("Put", kv -> kv.put(key, v));
        }
    }

    /** {@code relay kv create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Set a value only if the key has none.")
    static final class Create extends OnKeyWithValue {
        @Override
        public Integer call() {
            byte[] v = parent.value(value);
            return change("Created", kv -> kv.create(key, v));
        }
    }

    /** {@code relay kv update}. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Set a value only if the key is still at REVISION (compare-and-set).")
    static final class Update extends OnKey {
        @Parameters(index = "2", paramLabel = "VALUE") String value;
        @Parameters(index = "3", paramLabel = "REVISION") long revision;

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, kv ->
                "Updated " + key + " to revision " + kv.update(key, value, revision) + "\n");
        }
    }

    /** {@code relay kv get}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a key's value.")
    static final class Get extends OnKey {
        @Option(names = "--revision", paramLabel = "N", description = "this revision instead of the latest") Long revision;
        @Option(names = "--raw", description = "print only the value") boolean raw;
        @Option(names = "--json", description = "print the entry as one JSON object") boolean json;

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, kv -> {
                KeyValueEntry e = revision == null ? kv.get(key) : kv.get(key, revision);
                return raw ? e.valueAsString() : json ? KvObjJson.entry(e) : entry(e);
            });
        }
    }

    /** {@code relay kv del}. */
    @Command(name = "del", mixinStandardHelpOptions = true, description = "Delete a key (its history stays).")
    static final class Del extends OnKey {
        @Override
        public Integer call() {
            return change("Deleted", kv -> kv.delete(key));
        }
    }

    /** {@code relay kv purge}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Purge a key with its history.")
    static final class Purge extends OnKey {
        @Override
        public Integer call() {
            return change("Purged", kv -> kv.purge(key));
        }
    }

    /** {@code relay kv ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List buckets.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand KvCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return parent.withManagement(spec, kvm -> {
                StringBuilder b = new StringBuilder();
                for (KeyValueStatus s : kvm.statuses()) {
                    b.append(String.format("%-24s %8d values %12d B  history %d%n", s.bucket(), s.values(), s.bytes(),
                        s.config().history()));
                }
                return b.length() == 0 ? "No buckets\n" : b.toString();
            });
        }
    }

    /** {@code relay kv keys}. */
    @Command(name = "keys", mixinStandardHelpOptions = true, description = "List the keys that have a value.")
    static final class Keys extends JsRun.OnBucket<KvCommand> {
        @Parameters(index = "1", paramLabel = "FILTER", arity = "0..1", description = "e.g. 'color.*' (default: all)")
        String filter;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Connection nc = parent.relay.connect();
                 Stream<String> keys = KeyValue.of(JetStream.of(nc), bucket).keys(filter == null ? ">" : filter)) {
                keys.forEach(out::println); // printed as they come: a large bucket is never held in memory
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code relay kv history}. */
    @Command(name = "history", mixinStandardHelpOptions = true, description = "Print every stored revision of a key.")
    static final class History extends OnKey {
        @Option(names = "--json", description = "one JSON object per revision") boolean json;

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, kv -> {
                StringBuilder b = new StringBuilder();
                kv.history(key).forEach(e -> b.append(json ? KvObjJson.entry(e) : entry(e)));
                return b.toString();
            });
        }
    }

    /** {@code relay kv watch}. */
    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Print changes as they happen.")
    static final class Watch extends JsRun.OnBucket<KvCommand> {
        @Parameters(index = "1", paramLabel = "FILTER", arity = "0..1", description = "key or filter (default: all)")
        String filter;
        @Option(names = "--history", description = "first print every stored revision") boolean history;
        @Option(names = "--updates-only", description = "print only changes from now on") boolean updatesOnly;
        @Option(names = "--ignore-deletes", description = "skip deletes and purges") boolean ignoreDeletes;
        @Option(names = "--count", paramLabel = "N", description = "exit after N entries") Integer count;
        @Option(names = "--json", description = "one JSON object per entry") boolean json;

        @Override
        public Integer call() {
            WatchOptions o = new WatchOptions(history, updatesOnly, ignoreDeletes, false);
            String f = filter == null ? ">" : filter;
            return parent.<KeyValueEntry>watch(spec, bucket, bucket + " " + f, count, "entry",
                (kv, print) -> kv.watch(f, o, print::accept)::close, e -> json ? KvObjJson.entry(e) : entry(e));
        }
    }

    /** {@code relay kv status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a bucket's settings and size.")
    static final class Status extends JsRun.OnBucket<KvCommand> {

        @Override
        public Integer call() {
            return parent.withManagement(spec, kvm -> status(kvm.status(bucket)));
        }
    }

    /** {@code relay kv rm}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a bucket and all its values.")
    static final class Rm extends JsRun.OnBucket<KvCommand> {

        @Override
        public Integer call() {
            return parent.withManagement(spec, kvm -> {
                kvm.delete(bucket);
                return "Deleted bucket " + bucket + "\n";
            });
        }
    }
}
