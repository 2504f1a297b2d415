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
    private static final Shared<ThreadPoolExecutor> EXECUTOR = new Shared<>(Events::create, ThreadPoolExecutor::shutdown);

    private Events() {
    }

    static void run(String what, Runnable callback) {
        EXECUTOR.get().execute(() -> {
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("listener threw while handling {}", what, e);
            }
        });
    }

    /** Lets queued callbacks run, then ends the thread; the next use makes a new one. */
    static void shutdown() {
        EXECUTOR.shutdown();
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
