package dev.relay.cli;

import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.nats.objectstore.ObjectInfo;
import dev.relay.nats.objectstore.ObjectMeta;
import dev.relay.nats.objectstore.ObjectStore;
import dev.relay.nats.objectstore.ObjectStoreConfig;
import dev.relay.nats.objectstore.ObjectStoreManagement;
import dev.relay.nats.objectstore.ObjectStoreStatus;
import dev.relay.nats.objectstore.ObjectWatchOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay obj …}: object store buckets and objects, streamed from files or stdin and to files or
 * stdout, with a progress line on a terminal. Confined to the command's thread.
 */
@Command(name = "obj", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Use object store buckets (shared with nats.go, nats.js and the nats CLI).",
        subcommands = {ObjCommand.Add.class, ObjCommand.Put.class, ObjCommand.Get.class, ObjCommand.Ls.class,
            ObjCommand.Info.class, ObjCommand.Rm.class, ObjCommand.Watch.class, ObjCommand.Link.class,
            ObjCommand.Seal.class, ObjCommand.Status.class},
        footer = {"%nExamples:",
            "  relay obj add files",
            "  relay obj put files ./report.pdf",
            "  relay obj get files report.pdf -o /tmp/report.pdf",
            "  tar c dir | relay obj put files --as dir.tar"})
final class ObjCommand extends JsRun.BucketGroup<ObjectStore, ObjectStoreManagement> {

    @Override
    ObjectStore bucket(JetStream js, String name) {
        return ObjectStore.of(js, name);
    }

    @Override
    ObjectStoreManagement management(JetStream js) {
        return ObjectStoreManagement.of(js);
    }

    static String info(ObjectInfo i) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Object:      %s%nBucket:      %s%nSize:        %d B in %d chunks%nModified:    %s%n"
            + "Digest:      %s%n", i.name(), i.bucket(), i.size(), i.chunks(), i.modified(), i.digest()));
        if (!i.meta().description().isEmpty()) {
            b.append("Description: ").append(i.meta().description()).append('\n');
        }
        i.meta().link().ifPresent(l -> b.append("Link to:     ").append(l.bucket())
            .append(l.isBucketLink() ? " (whole bucket)" : "/" + l.name()).append('\n'));
        i.meta().headers().forEach((k, v) -> b.append("Header:      ").append(k).append(": ").append(String.join(", ", v))
            .append('\n'));
        if (i.deleted()) {
            b.append("Deleted\n");
        }
        return b.toString();
    }

    static String status(ObjectStoreStatus s) {
        ObjectStoreConfig c = s.config();
        return String.format("Bucket:      %s%nDescription: %s%nBytes:       %d%nSealed:      %s%nTTL:         %s%n"
                + "Storage:     %s%nReplicas:    %d%nStream:      %s%n", c.bucket(), c.description(), s.bytes(), s.sealed(),
            c.ttl().isZero() ? "none" : DurationConverter.format(c.ttl()), c.storage().name().toLowerCase(Locale.ROOT), c.replicas(),
            s.streamInfo().config().name());
    }

    /** {@code relay obj add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false, description = "Create a bucket.")
    static final class Add extends JsRun.OnBucket<ObjCommand> {
        @Option(names = "--ttl", paramLabel = "DURATION", description = "how long objects live") Duration ttl;
        @Option(names = "--max-bytes", paramLabel = "BYTES", description = "bucket size limit") Long maxBytes;
        @Option(names = "--storage", paramLabel = "file|memory", description = "default: file") String storage;
        @Option(names = "--replicas", paramLabel = "N", description = "replicas") Integer replicas;
        @Option(names = "--description", paramLabel = "TEXT", description = "description") String description;

        @Override
        public Integer call() {
            ObjectStoreConfig.Builder b = ObjectStoreConfig.builder(bucket);
            JsRun.setIf(ttl, b::ttl);
            JsRun.setIf(maxBytes, b::maxBytes);
            JsRun.setIf(JsFormat.enumArg(StorageType.class, "--storage", storage), b::storage);
            JsRun.setIf(replicas, b::replicas);
            JsRun.setIf(description, b::description);
            ObjectStoreConfig cfg = b.build();
            return parent.withManagement(spec, osm -> {
                osm.create(cfg);
                return "Created object store " + bucket + "\n" + status(osm.status(bucket));
            });
        }
    }

    /** {@code relay obj put}. */
    @Command(name = "put", mixinStandardHelpOptions = true, description = "Store a file, or stdin with --name.")
    static final class Put extends JsRun.OnBucket<ObjCommand> {
        @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "file to store (default: stdin)") Path file;
        @Option(names = "--as", paramLabel = "NAME", description = "object name (default: the file's name)") String name;
        @Option(names = "--description", paramLabel = "TEXT", description = "description") String description;
        @Option(names = {"-H", "--header"}, paramLabel = "K:V", description = "header stored with the object") List<HeaderArg> headers;
        @Option(names = "--chunk-size", paramLabel = "BYTES", description = "chunk size (default 131072)") Integer chunkSize;

        @Override
        public Integer call() throws IOException {
            String objectName = name != null ? name : file != null ? file.getFileName().toString() : null;
            if (objectName == null) {
                throw new IllegalArgumentException("--as NAME: needed when the content comes from stdin");
            }
            ObjectMeta.Builder mb = ObjectMeta.builder(objectName);
            JsRun.setIf(description, mb::description);
            JsRun.setIf(chunkSize, mb::chunkSize);
            if (headers != null) {
                headers.forEach(h -> mb.header(h.key(), h.value()));
            }
            ObjectMeta meta = mb.build();
            long total = file == null ? -1 : Files.size(file);
            try (InputStream raw = file == null ? parent.relay.stdin() : Files.newInputStream(file)) {
                Progress in = new Progress(raw, spec.commandLine().getErr(), total, Progress.onTerminal());
                return parent.withBucket(spec, bucket, os -> {
                    ObjectInfo i = os.put(meta, in);
                    in.end();
                    return "Stored " + i.name() + ": " + i.size() + " B in " + i.chunks() + " chunks, " + i.digest() + "\n";
                });
            }
        }
    }

    /** {@code relay obj get}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Read an object to a file or stdout.")
    static final class Get extends JsRun.OnBucket<ObjCommand> {
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (default: stdout)") Path output;

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, os -> {
                long size = os.info(name).size();
                try (InputStream obj = os.get(name);
                     OutputStream out = output == null ? nonClosing(System.out) : Files.newOutputStream(output)) {
                    Progress in = new Progress(obj, spec.commandLine().getErr(), size, output != null && Progress.onTerminal());
                    long n = in.transferTo(out);
                    in.end();
                    return output == null ? "" : "Wrote " + n + " B to " + output + " (digest checked)\n";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private static OutputStream nonClosing(OutputStream out) {
            return new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }
    }

    /** {@code relay obj ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List buckets, or the objects of BUCKET.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand ObjCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "BUCKET", arity = "0..1") String bucket;
        @Option(names = "--json", description = "one JSON object per object") boolean json;

        @Override
        public Integer call() {
            if (bucket == null) {
                return parent.withManagement(spec, osm -> {
                    StringBuilder b = new StringBuilder();
                    osm.statuses().forEach(s -> b.append(String.format("%-24s %12d B%s%n", s.bucket(), s.bytes(),
                        s.sealed() ? "  sealed" : "")));
                    return b.length() == 0 ? "No object stores\n" : b.toString();
                });
            }
            return parent.withBucket(spec, bucket, os -> {
                StringBuilder b = new StringBuilder();
                os.list().forEach(i -> b.append(json ? KvObjJson.object(i)
                    : String.format("%-32s %12d B  %s%n", i.name(), i.size(), i.modified())));
                return b.length() == 0 ? "No objects\n" : b.toString();
            });
        }
    }

    /** {@code relay obj info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an object's info.")
    static final class Info extends JsRun.OnBucket<ObjCommand> {
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Option(names = "--json", description = "print the info as one JSON object") boolean json;

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, os -> json ? KvObjJson.object(os.info(name)) : info(os.info(name)));
        }
    }

    /** {@code relay obj rm}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete an object, or the whole bucket without NAME.")
    static final class Rm extends JsRun.OnBucket<ObjCommand> {
        @Parameters(index = "1", paramLabel = "NAME", arity = "0..1") String name;

        @Override
        public Integer call() {
            if (name == null) {
                return parent.withManagement(spec, osm -> {
                    osm.delete(bucket);
                    return "Deleted object store " + bucket + "\n";
                });
            }
            return parent.withBucket(spec, bucket, os -> {
                os.delete(name);
                return "Deleted " + name + "\n";
            });
        }
    }

    /** {@code relay obj link}. */
    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Add NAME as a link to TARGET_BUCKET/TARGET_NAME, or to the whole TARGET_BUCKET.")
    static final class Link extends JsRun.OnBucket<ObjCommand> {
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Parameters(index = "2", paramLabel = "TARGET_BUCKET") String targetBucket;
        @Parameters(index = "3", paramLabel = "TARGET_NAME", arity = "0..1") String targetName;

        @Override
        public Integer call() {
            return JsRun.print(parent.relay, spec, js -> {
                ObjectStore os = ObjectStore.of(js, bucket);
                ObjectInfo link = targetName == null ? os.addBucketLink(name, targetBucket)
                    : os.addLink(name, ObjectStore.of(js, targetBucket).info(targetName));
                return "Linked " + link.name() + " to " + targetBucket + (targetName == null ? "" : "/" + targetName) + "\n";
            });
        }
    }

    /** {@code relay obj seal}. */
    @Command(name = "seal", mixinStandardHelpOptions = true, description = "Make a bucket read-only for good.")
    static final class Seal extends JsRun.OnBucket<ObjCommand> {

        @Override
        public Integer call() {
            return parent.withBucket(spec, bucket, os -> {
                os.seal();
                return "Sealed " + bucket + "\n";
            });
        }
    }

    /** {@code relay obj status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a bucket's settings and size.")
    static final class Status extends JsRun.OnBucket<ObjCommand> {

        @Override
        public Integer call() {
            return parent.withManagement(spec, osm -> status(osm.status(bucket)));
        }
    }

    /** {@code relay obj watch}. */
    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Print object changes as they happen.")
    static final class Watch extends JsRun.OnBucket<ObjCommand> {
        @Option(names = "--updates-only", description = "print only changes from now on") boolean updatesOnly;
        @Option(names = "--ignore-deletes", description = "skip deleted objects") boolean ignoreDeletes;
        @Option(names = "--count", paramLabel = "N", description = "exit after N changes") Integer count;

        @Override
        public Integer call() {
            ObjectWatchOptions o = new ObjectWatchOptions(false, updatesOnly, ignoreDeletes);
            return parent.<ObjectInfo>watch(spec, bucket, "object store " + bucket, count, "change",
                (os, print) -> os.watch(o, print::accept)::close,
                i -> String.format("%s %s %d B%s%n", i.modified(), i.name(), i.size(), i.deleted() ? " <DELETED>" : ""));
        }
    }
}
