package dev.relay.cli.rmq;

import dev.relay.rocketmq.Admin;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.RocketMq;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code relay rmq offsets TOPIC}: min and max offset per queue. Confined to the command's thread. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = "Print each queue's smallest and next offset (max = number of messages written).")
final class RmqOffsetsCommand implements Callable<Integer> {

    @ParentCommand
    private RmqCommand rmq;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    private String topic;

    @Override
    public Integer call() {
        try (Admin admin = RocketMq.admin(rmq.options(null))) {
            long total = 0;
            for (MessageQueue q : admin.readQueues(topic)) {
                long max = admin.maxOffset(q);
                long min = admin.minOffset(q);
                total += max - min;
                spec.commandLine().getOut().printf("%s min=%d max=%d%n", RmqTopicCommand.name(q), min, max);
            }
            spec.commandLine().getOut().printf("total=%d%n", total);
        }
        return 0;
    }
}
