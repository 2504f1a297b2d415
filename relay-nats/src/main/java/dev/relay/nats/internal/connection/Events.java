package dev.relay.nats.internal.connection;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listener callbacks (connection events, errors, slow consumers) in order on one shared daemon
 * thread, {@code relay-nats-events}, so that no listener ever runs on an I/O thread and a slow
 * listener cannot stall the network. The thread ends after 30 s without work. Thread-safe.
 */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private static volatile ThreadPoolExecutor executor;

    private Events() {
    }

    static void run(String what, Runnable callback) {
        executor().execute(() -> {
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("listener threw while handling {}", what, e);
            }
        });
    }

    private static ThreadPoolExecutor executor() {
        ThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (Events.class) {
                e = executor;
                if (e == null) {
                    e = create();
                    executor = e;
                }
            }
        }
        return e;
    }

    /** Lets queued callbacks run, then ends the thread; the next use makes a new one. */
    static synchronized void shutdown() {
        ThreadPoolExecutor e = executor;
        executor = null;
        if (e != null) {
            e.shutdown();
        }
    }

    private static ThreadPoolExecutor create() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "relay-nats-events");
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }
}
