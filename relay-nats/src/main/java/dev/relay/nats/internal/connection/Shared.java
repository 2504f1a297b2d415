package dev.relay.nats.internal.connection;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One process-wide resource that every connection shares (the dispatch pool, the timer, the event
 * thread): made on first use, ended by {@code Nats.shutdown()}, and made again by the next use.
 * Thread-safe.
 *
 * @param <T> the resource
 */
final class Shared<T> {
    private final Supplier<T> create;
    private final Consumer<T> end;
    private volatile T value;

    Shared(Supplier<T> create, Consumer<T> end) {
        this.create = create;
        this.end = end;
    }

    /** The resource, made now if there is none. */
    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = create.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** Ends the resource if there is one; the next {@link #get} makes a new one. */
    synchronized void shutdown() {
        T v = value;
        value = null;
        if (v != null) {
            end.accept(v);
        }
    }
}
