package dev.relay.cli.rmq;

import dev.relay.cli.DurationConverter;
import dev.relay.cli.Relay;
import dev.relay.rocketmq.ClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code relay rmq}: the RocketMQ commands and the options they share (name servers, ACL keys, TLS,
 * timeout). Confined to the command's thread; subcommands read its options after parsing.
 */
@Command(name = "rmq", mixinStandardHelpOptions = true, sortOptions = false, synopsisSubcommandLabel = "COMMAND",
        description = "RocketMQ: send, consume, view messages, manage topics and read offsets.",
        subcommands = {RmqSendCommand.class, RmqTopicCommand.class, RmqOffsetsCommand.class, RmqViewCommand.class,
            RmqConsumeCommand.class, RmqBenchCommand.class},
        footer = {"%nExamples:",
            "  relay rmq --namesrv 127.0.0.1:9876 topic create orders --queues 4",
            "  relay rmq --namesrv 127.0.0.1:9876 send orders hello --tags new --keys o-1",
            "  relay rmq --namesrv 127.0.0.1:9876 consume orders --from-beginning --count 10 --json",
            "  relay rmq --namesrv 127.0.0.1:9876 --ak AK --sk SK --tlsca ca.pem offsets orders"})
public final class RmqCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--namesrv", paramLabel = "HOST:PORT[;HOST:PORT…]", defaultValue = "127.0.0.1:9876",
            scope = ScopeType.INHERIT, description = "name server(s), tried in order (default: ${DEFAULT-VALUE})")
    private String nameServers;

    @Option(names = "--ak", paramLabel = "ACCESS_KEY", scope = ScopeType.INHERIT,
            description = "ACL access key (user), with --sk")
    private String accessKey;

    @Option(names = "--sk", paramLabel = "SECRET_KEY", scope = ScopeType.INHERIT,
            description = "ACL secret key (password), with --ak")
    private String secretKey;

    @Option(names = "--tls", scope = ScopeType.INHERIT,
            description = "use TLS, verifying servers against the JDK trust store (or --tlsca)")
    private boolean tls;

    /** The top command: its global {@code --tlsca} (shared with NATS) names the CA for RocketMQ too. */
    @ParentCommand
    private Relay relay;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s", scope = ScopeType.INHERIT,
            converter = DurationConverter.class, description = "per-request timeout (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    /** Creates the command; picocli calls this. */
    public RmqCommand() {
    }

    /** Without a subcommand: prints the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * The client options from the command line.
     *
     * @param group the producer or consumer group, or {@code null} for the default
     * @return the options
     */
    ClientOptions options(String group) {
        if ((accessKey == null) != (secretKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ak and --sk go together");
        }
        Path tlsCa = relay == null ? null : relay.tlsCaFile();
        ClientOptions.Builder b = ClientOptions.builder().nameServers(nameServers).requestTimeout(timeout)
            .useTls(tls || tlsCa != null);
        if (tlsCa != null) {
            b.tlsTrustCertificate(tlsCa);
        }
        if (accessKey != null) {
            b.credentials(accessKey, secretKey);
        }
        if (group != null) {
            b.group(group);
        }
        return b.build();
    }
}
