package dev.relay.cli.rmq;

import dev.relay.rocketmq.Admin;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.PullConsumer;
import dev.relay.rocketmq.PullResult;
import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.RocketMq;
import dev.relay.cli.DurationConverter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay rmq consume}: pulls every queue of a topic and prints what arrives, until --count
 * messages or --idle without any. With --group it starts where the group stopped and stores its
 * progress on the broker. Confined to the command's thread.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print messages of a topic: new ones, or all with --from-beginning.",
        footer = {"%nExamples:", "  relay rmq consume orders --from-beginning --count 10 --json",
            "  relay rmq consume orders --group billing --tags 'new || paid'"})
final class RmqConsumeCommand implements Callable<Integer> {
    private static final long POLL_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    @ParentCommand
    private RmqCommand rmq;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    private String topic;

    @Option(names = "--from-beginning", description = "start at each queue's first message (default: only new ones)")
    private boolean fromBeginning;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "stop after N messages (default: no limit)")
    private int count;

    @Option(names = "--tags", paramLabel = "EXPR", defaultValue = "*", description = "tag filter, e.g. 'a || b' (default: all)")
    private String tags;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "consumer group: resume from and store its offsets on the broker")
    private String group;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "stop after this long without a message (default: ${DEFAULT-VALUE})")
    private Duration idle;

    @Option(names = "--json", description = "print each message as one JSON object per line")
    private boolean json;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be 0 (no limit) or more, got " + count);
        }
        int printed = 0;
        try (PullConsumer consumer = RocketMq.pullConsumer(rmq.options(group));
             Admin admin = RocketMq.admin(rmq.options(null))) {
            Map<MessageQueue, Long> offsets = startOffsets(consumer, admin, consumer.queues(topic));
            long lastMessage = System.nanoTime();
            while (count == 0 || printed < count) {
                boolean any = false;
                for (Map.Entry<MessageQueue, Long> e : offsets.entrySet()) {
                    PullResult r = consumer.pull(e.getKey(), tags, e.getValue(), 32);
                    for (ReceivedMessage m : r.messages()) {
                        if (count > 0 && printed >= count) {
                            break;
                        }
                        MessagePrinter.print(spec.commandLine().getOut(), m, json);
                        printed++;
                        e.setValue(m.queueOffset() + 1);
                        any = true;
                    }
                    if (r.messages().isEmpty() || r.status() != PullResult.Status.FOUND) {
                        e.setValue(Math.max(e.getValue(), r.nextBeginOffset()));
                    }
                }
                spec.commandLine().getOut().flush();
                if (any) {
                    lastMessage = System.nanoTime();
                } else if (System.nanoTime() - lastMessage >= idle.toNanos()) {
                    break;
                } else {
                    LockSupport.parkNanos(POLL_PAUSE_NANOS);
                }
            }
            if (group != null) {
                offsets.forEach(consumer::commitOffset);
            }
        }
        spec.commandLine().getErr().println("Consumed " + printed + " message" + (printed == 1 ? "" : "s") + " from " + topic);
        return 0;
    }

    private Map<MessageQueue, Long> startOffsets(PullConsumer consumer, Admin admin, List<MessageQueue> queues) {
        Map<MessageQueue, Long> offsets = new LinkedHashMap<>();
        for (MessageQueue q : queues) {
            long committed = group == null ? -1 : consumer.committedOffset(q);
            offsets.put(q, committed >= 0 ? committed : fromBeginning ? admin.minOffset(q) : admin.maxOffset(q));
        }
        return offsets;
    }
}
