package dev.relay.nats;

import org.slf4j.Logger;

/**
 * The error listener a connection has unless the user sets one: logs what it hears at WARN through
 * SLF4J. Created by {@link Options.Builder}; stateless apart from the logger, so thread-safe.
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
    public void onSlowConsumer(Connection connection, Subscription subscription) {
        log.warn("nats slow consumer on '{}': dropping messages", subscription.subject());
    }

    @Override
    public void onException(Connection connection, Throwable error) {
        log.warn("nats error: {}", error.toString(), error);
    }
}
