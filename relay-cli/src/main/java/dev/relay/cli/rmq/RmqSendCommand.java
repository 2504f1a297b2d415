package dev.relay.cli.rmq;

import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.Producer;
import dev.relay.rocketmq.RocketMq;
import dev.relay.rocketmq.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code relay rmq send}: sends one message (or --count), sync by default. Confined to the command's thread. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a message and print the broker's answer.",
        footer = {"%nExamples:", "  relay rmq send orders hello --tags new --keys o-1,c-7 -p source=cli",
            "  relay rmq send orders 'tick {{n}}' --count 100 --async"})
final class RmqSendCommand implements Callable<Integer> {

    @ParentCommand
    private RmqCommand rmq;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "the topic (created on first send if the broker allows)")
    private String topic;

    @Parameters(index = "1", paramLabel = "BODY", description = "the body; {{n}} becomes the message number")
    private String body;

    @Option(names = "--tags", paramLabel = "TAGS", description = "tags to filter on")
    private String tags;

    @Option(names = "--keys", paramLabel = "KEY[,KEY…]", split = ",", description = "keys to look the message up by")
    private List<String> keys = new ArrayList<>();

    @Option(names = {"-p", "--property"}, paramLabel = "NAME=VALUE", description = "a user property; repeat for more")
    private Map<String, String> properties = Map.of();

    @Option(names = "--delay-level", paramLabel = "LEVEL", defaultValue = "0", description = "delay level 1-18 (default: none)")
    private int delayLevel;

    @Option(names = "--group", paramLabel = "GROUP", description = "producer group (default: relay_default_group)")
    private String group;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "send N messages (default: ${DEFAULT-VALUE})")
    private int count;

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    /** How to send. */
    static final class Mode {
        @Option(names = "--async", description = "send without waiting for each answer (all answers are awaited at the end)")
        boolean async;

        @Option(names = "--oneway", description = "send without any answer from the broker")
        boolean oneway;
    }

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        try (Producer producer = RocketMq.producer(rmq.options(group))) {
            producer.start();
            List<CompletableFuture<SendResult>> pending = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                Message m = message(n);
                if (mode.oneway) {
                    producer.sendOneway(m);
                } else if (mode.async) {
                    pending.add(producer.sendAsync(m));
                } else {
                    print(producer.send(m));
                }
            }
            for (CompletableFuture<SendResult> f : pending) {
                print(f.join());
            }
            if (mode.oneway) {
                spec.commandLine().getOut().println("Sent " + count + " oneway message" + (count == 1 ? "" : "s")
                    + " to " + topic);
            }
        }
        return 0;
    }

    private Message message(int n) {
        Message.Builder b = Message.builder(topic).body(body.replace("{{n}}", Integer.toString(n))).tags(tags)
            .keys(keys).delayLevel(delayLevel);
        properties.forEach(b::property);
        return b.build();
    }

    private void print(SendResult r) {
        spec.commandLine().getOut().printf("%s %s msgId=%s offsetMsgId=%s queue=%s:%d offset=%d%n", r.status(),
            r.queue().topic(), r.msgId(), r.offsetMsgId(), r.queue().brokerName(), r.queue().queueId(), r.queueOffset());
    }
}
