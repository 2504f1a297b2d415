package dev.relay.cli;

import dev.relay.cli.bench.BenchCommand;
import dev.relay.cli.rmq.RmqCommand;
import dev.relay.nats.Auth;
import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.nats.ProtocolException;
import dev.relay.nats.TlsOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code relay} top command: holds the global connection options, lists the subcommands, and
 * builds the picocli command line with the one {@link ErrorReporter}. Confined to the thread that
 * parses and runs the command; subcommands read its options after parsing.
 *
 * <p>{@code System.exit(Relay.newCommandLine(new Relay()).execute("pub", "orders.new", "hi"));}
 */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = Relay.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, synopsisSubcommandLabel = "COMMAND",
        description = "Relay's NATS command line: publish, subscribe, request, reply, or take the tour "
                + "with 'relay demo'.",
        subcommands = {PubCommand.class, SubCommand.class, ReqCommand.class, ReplyCommand.class,
            BenchCommand.class, DemoCommand.class, NkeyCommand.class, JsCommand.class, StreamCommand.class,
            ConsumerCommand.class, KvCommand.class, ObjCommand.class, SvcCommand.class, ConsoleCommand.class,
            RmqCommand.class, HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  NATS_URL   server URL(s) used when -s is not given"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:error, e.g. cannot connect to the server",
            "2:usage error: unknown option, missing or malformed argument",
            "3:timeout: no reply or confirmation in time",
            "4:no responders: nobody listens on the request subject",
            "5:invalid subject or argument, payload too large",
            "6:authentication or authorization refused"})
public final class Relay implements Callable<Integer> {

    /** Environment variable holding the default server URL(s). */
    public static final String NATS_URL_ENV = "NATS_URL";

    /** How long a failed command waits for its connections' listeners to catch up with what happened. */
    private static final Duration LISTENERS_WAIT = Duration.ofSeconds(2);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-s", "--server"}, paramLabel = "URL[,URL…]", scope = ScopeType.INHERIT,
            description = {"NATS server(s), comma-separated", "(default: $NATS_URL, else " + Options.DEFAULT_URL + ")"})
    private String server;

    @Option(names = "--user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "user name, with --password")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT,
            description = "password, with --user")
    private String password;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "authentication token (instead of --user/--password)")
    private String token;

    @Option(names = "--nkey", paramLabel = "SEEDFILE", scope = ScopeType.INHERIT,
            description = "file holding a user NKey seed (SU…), e.g. from 'relay nkey gen --seed-file'")
    private Path nkey;

    @Option(names = "--creds", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "credentials file (user JWT and seed), for servers in operator mode")
    private Path creds;

    @Option(names = "--tlsca", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM file of the CA(s) to trust for TLS, instead of the JDK's (implies TLS)")
    private Path tlsCa;

    @Option(names = "--tlscert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM client certificate for mutual TLS, with --tlskey (implies TLS)")
    private Path tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM (PKCS#8) private key of --tlscert")
    private Path tlsKey;

    @Option(names = "--tls-insecure", scope = ScopeType.INHERIT,
            description = "INSECURE: accept any server certificate for any name (implies TLS; tests only)")
    private boolean tlsInsecure;

    @Option(names = "--tls-first", scope = ScopeType.INHERIT,
            description = "start TLS before the server's INFO (nats-server 2.10.4+ with handshake_first)")
    private boolean tlsFirst;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "relay", scope = ScopeType.INHERIT,
            description = "client name shown in the server's monitoring (default: ${DEFAULT-VALUE})")
    private String name;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", scope = ScopeType.INHERIT,
            description = "how long connecting may take, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}: a cold JVM "
                    + "on a busy machine can need more than the library's 2s)")
    private Duration connectTimeout;

    private final Map<String, String> env;
    private final InputStream stdin;
    /** The watches of the connections this command opened, asked why a connection was lost. */
    private final List<ConnectionWatch> watches = new CopyOnWriteArrayList<>();

    /** Creates the command with this process's environment and standard input. */
    public Relay() {
        this(System.getenv(), System.in);
    }

    /**
     * Creates the command with a given environment and input, for tests.
     *
     * @param env the environment ({@value #NATS_URL_ENV} is read from it)
     * @param stdin where {@code pub} reads a body given on no command line
     */
    public Relay(Map<String, String> env, InputStream stdin) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
    }

    /**
     * Runs the command and exits the JVM with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(newCommandLine(new Relay()).execute(args));
    }

    /**
     * Builds the command line: converters for durations and headers, and the {@link ErrorReporter}
     * for execution failures, usage errors and exit codes.
     *
     * @param relay the top command instance
     * @return the command line; call {@code setOut}/{@code setErr} on it to capture output
     */
    public static CommandLine newCommandLine(Relay relay) {
        CommandLine cl = new CommandLine(relay);
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.registerConverter(HeaderArg.class, new HeaderArg.Converter());
        ErrorReporter reporter = new ErrorReporter();
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        cl.setExitCodeExceptionMapper(reporter);
        return cl;
    }

    /**
     * Without a command, shows the help: that is what someone typing just {@code relay} wants.
     *
     * @return {@link ExitCodes#OK}
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /**
     * The server URL(s) to use: {@code -s}, else {@code $NATS_URL}, else {@value Options#DEFAULT_URL}.
     *
     * @return one URL or several separated by commas
     */
    public String serverUrl() {
        if (server != null) {
            return server;
        }
        String fromEnv = env.get(NATS_URL_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Options.DEFAULT_URL : fromEnv.strip();
    }

    /**
     * Whether {@code -s} was given on the command line ({@code demo} then uses that server).
     *
     * @return true if {@code -s}/{@code --server} was given
     */
    public boolean serverGiven() {
        return server != null;
    }

    /**
     * Connects to {@link #serverUrl()} with the global options. Blocks until connected.
     *
     * @return the open connection; close it when done
     * @throws dev.relay.nats.ConnectionException if no server answers
     * @throws dev.relay.nats.AuthenticationException if the server refuses the credentials
     */
    public Connection connect() {
        return connect(serverUrl(), new ConnectionWatch());
    }

    /**
     * Connects to {@link #serverUrl()} with the global options, reporting to a watch.
     *
     * @param watch hears what the library reports asynchronously, e.g. a permissions denial
     * @return the open connection; close it when done
     */
    Connection connect(ConnectionWatch watch) {
        return connect(serverUrl(), watch);
    }

    /**
     * Connects to the given server(s) with the global options. Blocks until connected.
     *
     * @param urls one URL or several separated by commas
     * @return the open connection; close it when done
     */
    public Connection connect(String urls) {
        return connect(urls, new ConnectionWatch());
    }

    private Connection connect(String urls, ConnectionWatch watch) {
        dev.relay.nats.ConnectionListener state = watch.connectionListener();
        java.io.PrintWriter err = spec.commandLine().getErr();
        Connection nc = Nats.connect(options(urls).toBuilder()
                // commands keep going across reconnects, telling the person what happens on stderr
                .reconnect(r -> r.maxReconnects(-1))
                .connectionListener(event -> {
                    state.onEvent(event);
                    watch.lineFor(event).ifPresent(line -> {
                        err.println(line);
                        err.flush();
                    });
                })
                .errorListener(watch.errorListener())
                .build());
        // added only once connected: a connection that never opened reports no CLOSED to wait for
        watches.add(watch);
        return nc;
    }

    /**
     * Why a connection of this command was really lost, when the command only saw the consequence: the
     * server broke the protocol, the command's flush or request failed with "connection lost" before the
     * library's listener thread told the watch why. Waits (bounded) for each connection's CLOSED event,
     * after which every earlier report has been heard; commands close their connection before they fail.
     *
     * @return the first protocol error any of this command's connections met, or empty
     */
    Optional<ProtocolException> protocolError() {
        for (ConnectionWatch w : watches) {
            Optional<ProtocolException> e = w.awaitProtocolError(LISTENERS_WAIT);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    /**
     * The connection options for the given server(s), from the global options.
     *
     * @param urls one URL or several separated by commas
     * @return the options
     * @throws ParameterException if the credential options do not go together
     */
    Options options(String urls) {
        if ((user == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password go together: give both");
        }
        if (token != null && user != null) {
            throw new ParameterException(spec.commandLine(), "give either --user/--password or --token, not both");
        }
        if (nkey != null && creds != null) {
            throw new ParameterException(spec.commandLine(), "give either --nkey or --creds, not both");
        }
        Options.Builder b = Options.builder().servers(urls).name(name).connectTimeout(connectTimeout);
        if (nkey != null) {
            b.auth(Auth.nkeyFile(nkey));
        }
        if (creds != null) {
            b.auth(Auth.credsFile(creds));
        }
        if (user != null) {
            b.userInfo(user, password);
        }
        if (token != null) {
            b.token(token);
        }
        tls().ifPresent(b::tls);
        return b.build();
    }

    /** TLS settings from the --tls* options, or empty when none was given (tls:// URLs still use TLS). */
    private java.util.Optional<TlsOptions> tls() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tlscert and --tlskey go together: give both");
        }
        if (tlsInsecure && tlsCa != null) {
            throw new ParameterException(spec.commandLine(),
                "--tls-insecure trusts any certificate, which makes --tlsca pointless: give one or the other");
        }
        if (tlsCa == null && tlsCert == null && !tlsInsecure && !tlsFirst) {
            return java.util.Optional.empty();
        }
        TlsOptions.Builder t = TlsOptions.builder().handshakeFirst(tlsFirst);
        if (tlsCa != null) {
            t.trustPem(tlsCa);
        }
        if (tlsCert != null) {
            t.clientPem(tlsCert, tlsKey);
        }
        if (tlsInsecure) {
            t.trustAllCertificatesInsecurely();
        }
        return java.util.Optional.of(t.build());
    }

    /**
     * The CA file given with {@code --tlsca}; also used by {@code relay rmq}, which has no server URL of
     * its own to carry TLS.
     *
     * @return the PEM file, or null when not given
     */
    public Path tlsCaFile() {
        return tlsCa;
    }

    /**
     * Standard input, where {@code pub} reads a body not given on the command line.
     *
     * @return the input stream
     */
    InputStream stdin() {
        return stdin;
    }

    /** Prints {@code relay 0.1.0} and the Java runtime for {@code --version}; stateless. */
    public static final class Version implements IVersionProvider {

        /** Creates the provider. */
        public Version() {
        }

        /**
         * The version lines.
         *
         * @return {@code relay VERSION} and the Java runtime
         */
        @Override
        public String[] getVersion() {
            return new String[] {"relay " + Nats.VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"};
        }
    }
}
