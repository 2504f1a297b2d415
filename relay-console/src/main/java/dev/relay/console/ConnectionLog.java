package dev.relay.console;

import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionListener;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers a connection's most recent lifecycle events (connected, disconnected, reconnected, …) so
 * the console can show them. Give it to {@code Options.Builder.connectionListener} before connecting,
 * and to {@link ConsoleServer#start(dev.relay.nats.Connection, ConsoleOptions, ConnectionLog)}.
 * Thread-safe: events arrive on the library's threads, reads come from the console's.
 *
 * <p>{@code ConnectionLog log = new ConnectionLog(); Nats.connect(Options.builder().servers(url)
 * .connectionListener(log).build());}
 */
public final class ConnectionLog implements ConnectionListener {

    /** How many events are kept; older ones are forgotten. */
    public static final int CAPACITY = 50;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ConnectionEvent> events = new ArrayDeque<>(CAPACITY);

    /** Creates an empty log. */
    public ConnectionLog() {
    }

    /**
     * Records an event, forgetting the oldest when {@value #CAPACITY} are kept. Never blocks for long.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(ConnectionEvent event) {
        lock.lock();
        try {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The kept events, oldest first.
     *
     * @return an immutable copy
     */
    public List<ConnectionEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }
}
