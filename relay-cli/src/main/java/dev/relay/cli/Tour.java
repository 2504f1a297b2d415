package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.ServerInfo;
import dev.relay.nats.Statistics;
import dev.relay.nats.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The six steps of {@code relay demo} on an open connection: wildcards, a queue group, headers,
 * request/reply, no responders, statistics. Each step explains itself, shows its Java, runs, and
 * reports what really happened. Runs on the demo's thread; handlers only record into thread-safe
 * lists and count down latches, which the demo's thread awaits (never a sleep).
 */
final class Tour {

    static final int STEPS = 6;
    /** Bound on any wait for a delivery; on a healthy local server everything takes milliseconds. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Connection nc;
    private final DemoOutput out;

    Tour(Connection nc, DemoOutput out) {
        this.nc = nc;
        this.out = out;
    }

    /** Runs every step in order. */
    void run() {
        wildcards();
        queueGroup();
        headers();
        requestReply();
        noResponders();
        statistics();
    }

    private void wildcards() {
        out.section(1, STEPS, "Publish / subscribe with wildcards");
        out.say("Subjects are dot-separated tokens. Subscriptions may use wildcards: '*' matches exactly");
        out.say("one token, '>' matches one or more tokens at the end.");
        out.code("nc.subscribe(\"demo.orders.*\", msg -> print(msg.subject()));",
                "nc.subscribe(\"demo.>\", msg -> print(msg.subject()));",
                "nc.publish(\"demo.orders.new\", \"order 1\");");
        List<String> subjects =
                List.of("demo.orders.new", "demo.orders.paid", "demo.orders.eu.new", "demo.users.signup");
        Map<String, List<String>> received = new LinkedHashMap<>();
        received.put("demo.orders.*", new CopyOnWriteArrayList<>());
        received.put("demo.>", new CopyOnWriteArrayList<>());
        CountDownLatch deliveries = new CountDownLatch(2 + 4); // '*' matches the first two, '>' all four
        List<Subscription> subs = new ArrayList<>();
        received.forEach((pattern, list) -> subs.add(nc.subscribe(pattern, m -> {
            list.add(m.subject());
            deliveries.countDown();
        })));
        for (int i = 0; i < subjects.size(); i++) {
            nc.publish(subjects.get(i), "message " + (i + 1));
        }
        await(deliveries, "wildcard deliveries");
        subs.forEach(Subscription::unsubscribe);
        out.say("Published to " + String.join(", ", subjects) + ":");
        received.forEach((pattern, list) -> out.result(String.format(Locale.ROOT, "%-14s received %d: %s",
                pattern, list.size(), String.join(", ", list))));
        out.say("demo.orders.eu.new has four tokens: one too many for demo.orders.*, fine for demo.>.");
    }

    private void queueGroup() {
        out.section(2, STEPS, "Queue groups: workers share the work");
        out.say("Subscribers in the same queue group split the messages: each goes to ONE member.");
        out.code("nc.subscribe(\"demo.tasks\", \"workers\", msg -> work(msg));   // × 3 workers",
                "for (int i = 1; i <= 9; i++) nc.publish(\"demo.tasks\", \"task-\" + i);");
        int tasks = 9;
        Map<String, List<String>> byWorker = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(tasks);
        List<Subscription> workers = new ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            List<String> mine = new CopyOnWriteArrayList<>();
            byWorker.put("worker-" + w, mine);
            workers.add(nc.subscribe("demo.tasks", "workers", m -> {
                mine.add(m.dataAsString());
                done.countDown();
            }));
        }
        for (int i = 1; i <= tasks; i++) {
            nc.publish("demo.tasks", "task-" + i);
        }
        await(done, "tasks");
        nc.flush(WAIT); // a duplicate, if the server ever sent one, would be here by now
        workers.forEach(Subscription::unsubscribe);
        byWorker.forEach((worker, mine) -> out.result(String.format(Locale.ROOT, "%s handled %d: %s", worker,
                mine.size(), mine.isEmpty() ? "(nothing this time)" : String.join(", ", mine))));
        long deliveries = byWorker.values().stream().mapToLong(List::size).sum();
        long distinct = byWorker.values().stream().flatMap(List::stream).distinct().count();
        out.say(tasks + " tasks, " + deliveries + " deliveries, " + distinct + " distinct tasks"
                + (deliveries == tasks && distinct == tasks ? ": each task was handled exactly once." : "."));
        out.say("Start more workers to go faster; the server picks one member at random for each message.");
    }

    private void headers() {
        out.section(3, STEPS, "Headers: metadata next to the payload, keys may repeat");
        out.say("Like HTTP headers, they travel with the message; a key can carry several values.");
        out.code("Headers h = Headers.of(\"Trace-Id\", \"demo-42\").add(\"Tag\", \"eu\").add(\"Tag\", \"vip\");",
                "nc.publish(\"demo.headers\", h, \"order #42\".getBytes(UTF_8));");
        Message m;
        try (Subscription sub = nc.subscribe("demo.headers")) {
            Headers h = Headers.of("Trace-Id", "demo-42").add("Tag", "eu").add("Tag", "vip");
            nc.publish("demo.headers", h, "order #42".getBytes(StandardCharsets.UTF_8));
            m = sub.nextMessage(WAIT);
        }
        out.say("A synchronous subscriber read it with sub.nextMessage(Duration.ofSeconds(5)):");
        for (String line : MessageFormatter.headerLines(m.headers(), "").split("\n")) {
            out.indent(line);
        }
        out.result("msg.headers().get(\"Tag\") = " + m.headers().get("Tag"));
        out.result("msg.dataAsString() = \"" + m.dataAsString() + "\"");
    }

    private void requestReply() {
        out.section(4, STEPS, "Request / reply");
        out.say("A service subscribes and answers; a requester waits for the first answer.");
        out.code("nc.subscribe(\"demo.greet\", msg -> msg.respond(\"Hello, \" + msg.dataAsString() + \"!\"));",
                "Message reply = nc.request(\"demo.greet\", \"newcomer\", Duration.ofSeconds(2));");
        Subscription service = nc.subscribe("demo.greet", msg -> msg.respond("Hello, " + msg.dataAsString() + "!"));
        try {
            long startNanos = System.nanoTime();
            Message reply = nc.request("demo.greet", "newcomer", Duration.ofSeconds(2));
            long rttNanos = System.nanoTime() - startNanos;
            out.result("\"" + reply.dataAsString() + "\"   (round trip " + DemoOutput.elapsed(rttNanos) + ")");
            out.say("Or several at once without blocking: requestAsync returns a CompletableFuture.");
            out.code("List<CompletableFuture<Message>> replies = names.map(n -> nc.requestAsync(\"demo.greet\", n));");
            List<CompletableFuture<Message>> replies = List.of("Ada", "Grace", "Linus").stream()
                    .map(name -> nc.requestAsync("demo.greet", name)).collect(Collectors.toList());
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            out.result(replies.stream().map(f -> "\"" + f.join().dataAsString() + "\"")
                    .collect(Collectors.joining("  ")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsException("interrupted while waiting for replies", e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause()); // the ErrorReporter looks through it
        } catch (TimeoutException e) {
            throw new NatsTimeoutException("the demo's replies did not all arrive within "
                    + DurationConverter.format(WAIT), e);
        } finally {
            service.unsubscribe();
        }
    }

    private void noResponders() {
        out.section(5, STEPS, "No responders: fail at once instead of waiting for the timeout");
        out.say("When nobody listens on a request's subject, the server says so at once (status 503)");
        out.say("and request() throws NoRespondersException, long before its timeout.");
        Duration timeout = Duration.ofSeconds(5);
        out.code("nc.request(\"demo.nobody\", \"anyone?\", Duration.ofSeconds(5));   // throws NoRespondersException");
        long startNanos = System.nanoTime();
        try {
            Message reply = nc.request("demo.nobody", "anyone?", timeout);
            out.result("someone on this server answered after " + DemoOutput.elapsed(System.nanoTime() - startNanos)
                    + ": \"" + reply.dataAsString() + "\"");
        } catch (NoRespondersException e) {
            long elapsedNanos = System.nanoTime() - startNanos;
            out.result("NoRespondersException after " + DemoOutput.elapsed(elapsedNanos) + " (the timeout was "
                    + DurationConverter.format(timeout) + "): " + e.getMessage());
        }
        out.say("From the shell: './relay req demo.nobody hi' exits with status 4 (no responders).");
    }

    private void statistics() {
        out.section(6, STEPS, "Connection statistics");
        out.say("Every connection counts what it did; statistics() returns a snapshot (a record).");
        out.code("Statistics s = nc.statistics();");
        Statistics s = nc.statistics();
        out.indent(String.format(Locale.ROOT, "%-9s %10s %10s", "", "messages", "bytes"));
        out.indent(String.format(Locale.ROOT, "%-9s %10d %10d", "in", s.inMessages(), s.inBytes()));
        out.indent(String.format(Locale.ROOT, "%-9s %10d %10d", "out", s.outMessages(), s.outBytes()));
        out.indent(String.format(Locale.ROOT, "requests %d, replies %d, dropped %d, errors %d, reconnects %d",
                s.requests(), s.replies(), s.droppedMessages(), s.errors(), s.reconnects()));
        out.indent("flushes " + s.flushes() + " (batches written to the socket)");
        ServerInfo info = nc.serverInfo();
        out.say("The server said in its INFO: nats-server " + info.version() + ", JetStream "
                + (info.jetStream() ? "on" : "off") + ", max payload " + bytes(info.maxPayload()) + ".");
    }

    /** Formats a byte count in the largest binary unit that shows it exactly: 1 MiB, 64 KiB, 1000 bytes. */
    static String bytes(long n) {
        if (n > 0 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        return n > 0 && n % 1024 == 0 ? n / 1024 + " KiB" : n + " bytes";
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NatsTimeoutException("the demo's " + what + " did not all arrive within "
                        + DurationConverter.format(WAIT) + " (" + latch.getCount() + " missing)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsException("interrupted while waiting for the demo's " + what, e);
        }
    }
}
