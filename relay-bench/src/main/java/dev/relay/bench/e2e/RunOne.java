package dev.relay.bench.e2e;

import dev.relay.cli.bench.BenchResult;
import dev.relay.cli.bench.RelayScale;
import dev.relay.cli.bench.RelayWorkloads;
import dev.relay.cli.bench.ScaleResult;
import dev.relay.cli.bench.VirtualThreads;
import io.nats.client.Nats;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one case with one client in this (fresh) JVM and prints one result line on standard output,
 * for {@link SideBySide}: {@code RESULT\tkey=value\t…}, or {@code SKIPPED\treason}. Anything else goes
 * to standard error. Runs on the main thread; the workloads start what threads they need.
 *
 * <p>{@code java -cp … dev.relay.bench.e2e.RunOne relay pub16 nats://127.0.0.1:4222 1000000 200000}
 * (for {@code scale}: connections instead of messages, messages per connection instead of warm-up).
 */
public final class RunOne {

    /** Prefix of the result line. */
    static final String RESULT = "RESULT";
    /** Prefix of the line saying a case cannot run here. */
    static final String SKIPPED = "SKIPPED";

    private RunOne() {
    }

    /**
     * Runs the case and prints its result line; exits with 1 on failure, 2 on a usage error.
     *
     * @param args CLIENT (relay or jnats), CASE id, URL, MSGS, WARMUP
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: RunOne relay|jnats CASE URL MSGS WARMUP   (cases: " + BenchCase.ids() + ")");
            System.exit(2);
        }
        String client = args[0];
        BenchCase c = BenchCase.byId(args[1]);
        if (!client.equals("relay") && !client.equals("jnats")) {
            System.err.println("CLIENT must be relay or jnats, got " + client);
            System.exit(2);
        }
        try {
            System.out.println(run(client, c, args[2], Long.parseLong(args[3]), Long.parseLong(args[4])));
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs one case and formats its result line.
     *
     * @return the {@code RESULT} or {@code SKIPPED} line
     */
    static String run(String client, BenchCase c, String url, long msgs, long warmup) {
        boolean relay = client.equals("relay");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("client", client);
        out.put("case", c.id);
        out.put("java", Runtime.version().toString());
        switch (c.kind) {
            case PUB:
                put(out, relay ? RelayWorkloads.pub(url, msgs, c.size, warmup)
                    : JnatsWorkloads.pub(url, msgs, c.size, warmup));
                break;
            case PUB_BATCH:
                put(out, relay ? RelayWorkloads.pubBatch(url, msgs, c.size, warmup, c.concurrency)
                    : JnatsWorkloads.pubBatch(url, msgs, c.size, warmup, c.concurrency));
                break;
            case PUBSUB_INLINE:
                put(out, relay ? RelayWorkloads.pubSubInline(url, msgs, c.size, warmup)
                    : JnatsWorkloads.pubSubInline(url, msgs, c.size, warmup));
                break;
            case PUBSUB:
                put(out, relay ? RelayWorkloads.pubSub(url, msgs, c.size, warmup)
                    : JnatsWorkloads.pubSub(url, msgs, c.size, warmup));
                break;
            case REQ_INFLIGHT:
                put(out, relay ? RelayWorkloads.reqRepInflight(url, msgs, c.size, c.concurrency, warmup)
                    : JnatsWorkloads.reqRepInflight(url, msgs, c.size, c.concurrency, warmup));
                break;
            case REQ_SEQUENTIAL:
                put(out, relay ? RelayWorkloads.reqRepSequential(url, msgs, c.size, warmup)
                    : JnatsWorkloads.reqRepSequential(url, msgs, c.size, warmup));
                break;
            case REQ_VIRTUAL:
                if (!VirtualThreads.available()) {
                    return SKIPPED + "\tskipped: " + VirtualThreads.NEEDS_JAVA_21 + " (this is Java "
                        + Runtime.version().feature() + ")";
                }
                put(out, relay ? RelayWorkloads.reqRepVirtual(url, msgs, c.size, c.concurrency, warmup)
                    : JnatsWorkloads.reqRepVirtual(url, msgs, c.size, c.concurrency, warmup));
                break;
            case SCALE:
                put(out, relay ? RelayScale.scale(() -> dev.relay.nats.Nats.connect(url), (int) msgs, (int) warmup)
                    : JnatsScale.scale(() -> Nats.connect(url), (int) msgs, (int) warmup));
                break;
            default:
                throw new IllegalArgumentException("no runner for " + c.kind);
        }
        return RESULT + "\t" + out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\t"));
    }

    private static void put(Map<String, String> out, BenchResult r) {
        out.put("msgs", Long.toString(r.msgs()));
        out.put("size", Integer.toString(r.size()));
        out.put("nanos", Long.toString(r.timing().wallNanos()));
        out.put("msgs_per_s", fmt(r.msgsPerSecond()));
        out.put("cpu_ns_per_msg", fmt(r.cpuNanosPerMsg()));
        out.put("server_cpu_pct", fmt(r.serverCpuPercent()));
        if (r.hasLatency()) {
            out.put("p50_us", fmt(r.latency().percentileMicros(50)));
            out.put("p90_us", fmt(r.latency().percentileMicros(90)));
            out.put("p99_us", fmt(r.latency().percentileMicros(99)));
            out.put("p999_us", fmt(r.latency().percentileMicros(99.9)));
        }
    }

    private static void put(Map<String, String> out, ScaleResult r) {
        out.put("connections", Integer.toString(r.connections()));
        out.put("messages_each", Integer.toString(r.messagesEach()));
        out.put("connect_nanos", Long.toString(r.connect().wallNanos()));
        out.put("deliver_nanos", Long.toString(r.deliver().wallNanos()));
        out.put("threads", Integer.toString(r.after().threads()));
        out.put("threads_before", Integer.toString(r.before().threads()));
        out.put("threads_added", Integer.toString(r.threadsAdded()));
        out.put("heap_bytes", Long.toString(r.after().heapUsedBytes()));
        out.put("heap_before_bytes", Long.toString(r.before().heapUsedBytes()));
        out.put("heap_per_conn_bytes", Long.toString(r.heapBytesPerConnection()));
        out.put("thread_groups", r.after().threadSummary().replace('\t', ' '));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
