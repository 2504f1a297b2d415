package dev.relay.nats.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection's subscriptions by sid: an open-addressing table keyed by primitive {@code long}, so
 * the I/O thread finds a subscription in O(1) without locking, boxing or allocating. Writers (subscribe,
 * unsubscribe) take a lock; readers see each slot through a volatile read. Thread-safe.
 */
public final class SubscriptionRegistry<T extends SubscriptionRegistry.Entry> {
    private static final Object TOMBSTONE = new Object();

    /** What the registry holds: anything with a sid. */
    public interface Entry {
        /**
         * The subscription id.
         *
         * @return the sid
         */
        long sid();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private volatile AtomicReferenceArray<Object> table = new AtomicReferenceArray<>(64);
    // guarded by lock
    private int live;
    private int used;
    private long nextSid = 1;

    /**
     * Allocates the next sid. Sids are never reused within a connection.
     *
     * @return a new sid
     */
    public long nextSid() {
        lock.lock();
        try {
            return nextSid++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a subscription under its sid.
     *
     * @param sub the subscription
     */
    public void add(T sub) {
        lock.lock();
        try {
            if ((used + 1) * 2 > table.length()) {
                rehash(live * 4 + 64 > table.length() * 2 ? table.length() * 2 : table.length());
            }
            AtomicReferenceArray<Object> t = table;
            int mask = t.length() - 1;
            int i = slot(sub.sid(), mask);
            while (true) {
                Object e = t.get(i);
                if (e == null || e == TOMBSTONE) {
                    if (e == null) {
                        used++;
                    }
                    t.set(i, sub);
                    live++;
                    return;
                }
                i = (i + 1) & mask;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the subscription with the given sid, if present.
     *
     * @param sid the sid
     * @return the removed subscription, or null
     */
    @SuppressWarnings("unchecked")
    public T remove(long sid) {
        lock.lock();
        try {
            AtomicReferenceArray<Object> t = table;
            int i = indexOf(t, sid);
            if (i < 0) {
                return null;
            }
            Object e = t.get(i);
            t.set(i, TOMBSTONE);
            live--;
            return (T) e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Finds a subscription without locking; the I/O thread's lookup for every message.
     *
     * @param sid the sid
     * @return the subscription, or null if none (a late message after unsubscribe)
     */
    @SuppressWarnings("unchecked")
    public T get(long sid) {
        AtomicReferenceArray<Object> t = table;
        int i = indexOf(t, sid);
        return i < 0 ? null : (T) t.get(i);
    }

    /** The slot holding {@code sid} in {@code t}, or -1; probes linearly past tombstones. */
    private static int indexOf(AtomicReferenceArray<Object> t, long sid) {
        int mask = t.length() - 1;
        int i = slot(sid, mask);
        while (true) {
            Object e = t.get(i);
            if (e == null) {
                return -1;
            }
            if (e != TOMBSTONE && ((Entry) e).sid() == sid) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * A snapshot of every subscription.
     *
     * @return the subscriptions, in no particular order
     */
    @SuppressWarnings("unchecked")
    public List<T> all() {
        lock.lock();
        try {
            AtomicReferenceArray<Object> t = table;
            List<T> out = new ArrayList<>(live);
            for (int i = 0; i < t.length(); i++) {
                Object e = t.get(i);
                if (e != null && e != TOMBSTONE) {
                    out.add((T) e);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Number of subscriptions.
     *
     * @return the count
     */
    public int size() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    private void rehash(int capacity) {
        AtomicReferenceArray<Object> old = table;
        AtomicReferenceArray<Object> t = new AtomicReferenceArray<>(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < old.length(); j++) {
            Object e = old.get(j);
            if (e != null && e != TOMBSTONE) {
                int i = slot(((Entry) e).sid(), mask);
                while (t.get(i) != null) {
                    i = (i + 1) & mask;
                }
                t.set(i, e);
            }
        }
        used = live;
        table = t;
    }

    private static int slot(long sid, int mask) {
        long h = sid * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
