package dev.relay.cli.rmq;

import dev.relay.rocketmq.Admin;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.RocketMq;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code relay rmq topic create|route|list}. Confined to the command's thread. */
@Command(name = "topic", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "create|route|list",
        description = "Create a topic, show its route, or list all topics.",
        subcommands = {RmqTopicCommand.Create.class, RmqTopicCommand.Route.class, RmqTopicCommand.ListTopics.class})
final class RmqTopicCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code topic create TOPIC [--queues N]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create (or update) a topic on every broker of the cluster.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private RmqTopicCommand topicCommand;

        @Parameters(index = "0", paramLabel = "TOPIC")
        private String topic;

        @Option(names = "--queues", paramLabel = "N", defaultValue = "4",
                description = "read and write queues per broker (default: ${DEFAULT-VALUE})")
        private int queues;

        @Override
        public Integer call() {
            try (Admin admin = RocketMq.admin(topicCommand.rmq().options(null))) {
                admin.createTopic(topic, queues);
            }
            topicCommand.out().println("Created topic " + topic + " with " + queues + " queues per broker");
            return 0;
        }
    }

    /** {@code topic route TOPIC}. */
    @Command(name = "route", mixinStandardHelpOptions = true, description = "Show a topic's brokers and queues.")
    static final class Route implements Callable<Integer> {
        @ParentCommand
        private RmqTopicCommand topicCommand;

        @Parameters(index = "0", paramLabel = "TOPIC")
        private String topic;

        @Override
        public Integer call() {
            try (Admin admin = RocketMq.admin(topicCommand.rmq().options(null))) {
                Map<String, String> masters = admin.clusterInfo().masters();
                Map<String, int[]> counts = new TreeMap<>();
                admin.readQueues(topic).forEach(q -> counts.computeIfAbsent(q.brokerName(), k -> new int[2])[0]++);
                admin.writeQueues(topic).forEach(q -> counts.computeIfAbsent(q.brokerName(), k -> new int[2])[1]++);
                PrintWriter out = topicCommand.out();
                counts.forEach((broker, c) -> out.printf("%s %s read=%d write=%d%n", broker,
                    masters.getOrDefault(broker, "?"), c[0], c[1]));
            }
            return 0;
        }
    }

    /** {@code topic list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every topic the name server knows.")
    static final class ListTopics implements Callable<Integer> {
        @ParentCommand
        private RmqTopicCommand topicCommand;

        @Option(names = "--all", description = "include system topics (TBW102, RMQ_SYS_…, SCHEDULE_TOPIC_XXXX, …)")
        private boolean all;

        @Override
        public Integer call() {
            List<String> topics;
            java.util.Set<String> clusterNames = new java.util.HashSet<>();
            try (Admin admin = RocketMq.admin(topicCommand.rmq().options(null))) {
                topics = admin.topics();
                dev.relay.rocketmq.ClusterInfo cluster = admin.clusterInfo();
                clusterNames.addAll(cluster.clusters().keySet());
                clusterNames.addAll(cluster.masters().keySet());
            }
            topics.stream().filter(t -> all || !(isSystem(t) || clusterNames.contains(t))).forEach(topicCommand.out()::println);
            return 0;
        }

        /** Topics the broker makes for itself; brokers also register their cluster and broker names as topics. */
        private static boolean isSystem(String topic) {
            return topic.equals("TBW102") || topic.startsWith("RMQ_SYS_") || topic.startsWith("rmq_sys_")
                || topic.equals("SCHEDULE_TOPIC_XXXX") || topic.equals("OFFSET_MOVED_EVENT") || topic.startsWith("%")
                || topic.equals("SELF_TEST_TOPIC") || topic.equals("BenchmarkTest") || topic.endsWith("_REPLY_TOPIC");
        }
    }

    @ParentCommand
    private RmqCommand rmq;

    RmqCommand rmq() {
        return rmq;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Lists a topic's queues for {@code offsets}; here so both commands name queues alike. */
    static String name(MessageQueue q) {
        return q.brokerName() + ":" + q.queueId();
    }
}
