package dev.relay.cli;

/**
 * The exit statuses of the {@code relay} command, one per kind of failure a script may act on.
 * Thread-safe (constants only). {@link ErrorReporter} maps exceptions to them; {@link Relay}'s help
 * lists them, and {@code ErrorReporterTest} checks that the list and these values agree.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Any other failure, including "cannot connect to the server". */
    public static final int GENERAL = 1;
    /** The command line is wrong: unknown option, missing or malformed argument (picocli's default). */
    public static final int USAGE = 2;
    /** The server or a responder did not answer in time. */
    public static final int TIMEOUT = 3;
    /** A request went to a subject nobody listens on. */
    public static final int NO_RESPONDERS = 4;
    /** The library refused a value: invalid subject or queue name, payload too large, bad URL. */
    public static final int INVALID_ARGUMENT = 5;
    /** The server refused the credentials or the permission. */
    public static final int AUTH = 6;

    private ExitCodes() {
    }
}
