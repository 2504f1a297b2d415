package dev.relay.cli.rmq;

import dev.relay.rocketmq.Admin;
import dev.relay.rocketmq.RocketMq;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code relay rmq view OFFSET_MSG_ID}: one stored message. Confined to the command's thread. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Show a message by the offsetMsgId a send printed.")
final class RmqViewCommand implements Callable<Integer> {

    @ParentCommand
    private RmqCommand rmq;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OFFSET_MSG_ID", description = "32 hex digits: broker address + commit log offset")
    private String offsetMsgId;

    @Option(names = "--json", description = "print the message as one JSON object")
    private boolean json;

    @Override
    public Integer call() {
        try (Admin admin = RocketMq.admin(rmq.options(null))) {
            MessagePrinter.print(spec.commandLine().getOut(), admin.viewMessage(offsetMsgId), json);
        }
        return 0;
    }
}
