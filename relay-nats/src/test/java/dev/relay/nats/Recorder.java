package dev.relay.nats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Test listener that records every connection event and every error it hears, in order, so tests can
 * await them. Thread-safe: the lists are copy-on-write and read from the test thread; {@link #await}
 * waits on a condition signalled by each event, so a waiter never misses one and never polls.
 */
final class Recorder implements ConnectionListener, ErrorListener {
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    final List<ServerErrorException> serverErrors = new CopyOnWriteArrayList<>();
    final List<Subscription> slowConsumers = new CopyOnWriteArrayList<>();
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition heard = lock.newCondition();

    @Override
    public void onEvent(ConnectionEvent event) {
        events.add(event);
        lock.lock();
        try {
            heard.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the events of a type heard so far.
     *
     * @param type an event type
     * @return how many were heard
     */
    int count(ConnectionEvent.Type type) {
        return (int) events.stream().filter(e -> e.type() == type).count();
    }

    /**
     * Waits until the {@code n}-th event of a type was heard.
     *
     * @param type the event type
     * @param n 1 for the first such event
     * @param timeout the longest to wait
     * @return that event
     * @throws AssertionError on timeout, listing the events heard
     */
    ConnectionEvent await(ConnectionEvent.Type type, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<ConnectionEvent> matching = events.stream().filter(e -> e.type() == type).toList();
                if (matching.size() >= n) {
                    return matching.get(n - 1);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("event " + type + " #" + n + " not heard within " + timeout
                        + "; heard " + events);
                }
                heard.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the first event of a type was heard.
     *
     * @param type the event type
     * @return that event
     * @throws AssertionError if it was not heard within {@link Clients#WAIT}
     */
    ConnectionEvent await(ConnectionEvent.Type type) {
        return await(type, 1, Clients.WAIT);
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
