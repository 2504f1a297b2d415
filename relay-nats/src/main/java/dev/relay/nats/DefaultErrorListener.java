package dev.relay.nats;

import org.slf4j.Logger;

/**
 * The error listener a connection has unless the user sets one: logs what it hears at WARN through
 * SLF4J. Created by {@link Options.Builder}; stateless apart from the logger, so thread-safe.
 *
 * <p>A protocol error is one WARN line: its message already names the rule broken, the stream offset and
 * an escaped excerpt of the bytes, and its stack (the parser under the I/O thread) helps nobody who runs
 * the application; the stack goes to DEBUG. Any other exception, such as a message handler that threw,
 * keeps its stack at WARN: there the stack points into the user's own code.
 */
final class DefaultErrorListener implements ErrorListener {

    private final Logger log;

    /**
     * Creates the listener.
     *
     * @param log where to write
     */
    DefaultErrorListener(Logger log) {
        this.log = log;
    }

    @Override
    public void onServerError(Connection connection, ServerErrorException error) {
        log.warn("nats server error: {}", error.serverMessage());
    }

    @Override
    public void onOutboundBacklog(Connection connection, long pendingBytes) {
        log.warn("nats outbound backlog: {} bytes published and not yet sent (the network or server is not "
            + "keeping up)", pendingBytes);
    }

    @Override
    public void onSlowConsumer(Connection connection, Subscription subscription) {
        log.warn("nats slow consumer on '{}': dropping messages", subscription.subject());
    }

    @Override
    public void onException(Connection connection, Throwable error) {
        if (error instanceof ProtocolException) {
            log.warn("nats protocol error, dropping the link to the server: {}", error.getMessage());
            if (log.isDebugEnabled()) {
                log.debug("stack of the protocol error", error);
            }
            return;
        }
        if (error instanceof ConnectionException || error instanceof ServerErrorException) {
            // what went wrong between client and server says it all in its message: one line, as for
            // each failed attempt of a connect that retries
            log.warn("nats: {}", error.getMessage());
            if (log.isDebugEnabled()) {
                log.debug("stack of the error", error);
            }
            return;
        }
        log.warn("nats error: {}", error.toString(), error);
    }
}
