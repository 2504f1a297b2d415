package dev.relay.nats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test listener that records every connection event and every error it hears, in order, so tests can
 * await them. Thread-safe: the lists are copy-on-write and read from the test thread.
 */
final class Recorder implements ConnectionListener, ErrorListener {
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    final List<ServerErrorException> serverErrors = new CopyOnWriteArrayList<>();
    final List<Subscription> slowConsumers = new CopyOnWriteArrayList<>();
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void onServerError(Connection connection, ServerErrorException error) {
        serverErrors.add(error);
    }

    @Override
    public void onSlowConsumer(Connection connection, Subscription subscription) {
        slowConsumers.add(subscription);
    }

    @Override
    public void onException(Connection connection, Throwable error) {
        exceptions.add(error);
    }

    /** @return the types of the events heard so far, in order */
    List<ConnectionEvent.Type> eventTypes() {
        return events.stream().map(ConnectionEvent::type).toList();
    }

    /** @return whether any error at all was heard */
    boolean heardNoErrors() {
        return serverErrors.isEmpty() && slowConsumers.isEmpty() && exceptions.isEmpty();
    }
}
