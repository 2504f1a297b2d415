package dev.relay.cli;

import dev.relay.nats.Connection;
import dev.relay.nats.service.Endpoint;
import dev.relay.nats.service.Service;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay svc echo NAME}: runs a tiny micro service named NAME whose endpoint {@code echo} (on
 * subject {@code NAME.echo}) answers every request with its own body and headers, printing a line with
 * the running count per request, until {@code --count} requests or Ctrl-C. Requests are handled on the
 * service's dispatcher; the command's thread waits.
 */
@Command(name = "echo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run an echo service: requests to NAME.echo get their own body back.",
        footer = {"%nExamples:",
            "  relay svc echo demo                 then: relay req demo.echo hi",
            "  relay svc echo demo --queue q2      a second instance in another queue group"})
final class SvcEchoCommand implements Callable<Integer> {

    @ParentCommand
    private SvcCommand svc;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "service name: letters, digits, '-' and '_'")
    private String name;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "queue group of the endpoint (default: q)")
    private String queue;

    @Option(names = "--count", paramLabel = "N", description = "stop after N requests")
    private Integer count;

    @Override
    public Integer call() {
        UntilStopped.checkCount(spec, count);
        AtomicLong requests = new AtomicLong();
        try (UntilStopped run = new UntilStopped()) {
            ConnectionWatch watch = new ConnectionWatch();
            Connection nc = svc.relay.connect(watch);
            run.watch(nc, watch);
            Endpoint.Builder echo = Endpoint.builder("echo").subject(name + ".echo").handler(req -> {
                long n = requests.incrementAndGet();
                run.upTo(count, n, () -> {
                    req.respond(req.headers().isEmpty() ? null : req.headers(), req.data());
                    PrintWriter out = spec.commandLine().getOut();
                    out.println("[#" + n + "] echoed " + req.data().length + " bytes on " + req.subject());
                    out.flush();
                });
            });
            if (queue != null) {
                echo.queueGroup(queue);
            }
            Service service = Service.builder(nc).name(name).version("1.0.0")
                    .description("relay svc echo: answers each request with its own body")
                    .endpoint(echo.build()).start();
            PrintWriter err = spec.commandLine().getErr();
            err.println("Service " + name + " " + service.version() + " (id " + service.id() + ") started");
            run.announce(err, name + ".echo", queue == null ? "q" : queue, svc.relay.serverUrl(), count, "request");
            run.await();
            service.stop().join();
            err.println("Stopped after " + Math.min(requests.get(), count == null ? Long.MAX_VALUE : count)
                    + " request(s)");
            err.flush();
        }
        return ExitCodes.OK;
    }
}
