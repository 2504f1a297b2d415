package dev.relay.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills every still-open {@link NatsServer} when the JVM exits, so a crashed or interrupted test
 * run leaves no orphan nats-server processes. Thread-safe; the hook thread is installed once.
 */
final class ProcessReaper {

    private static final Set<NatsServer> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private ProcessReaper() {
    }

    /** Tracks a server until {@link #unregister(NatsServer)}; installs the hook on first use. */
    static void register(NatsServer server) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "relay-testkit-reaper"));
        }
        OPEN.add(server);
    }

    /** Stops tracking a closed server. */
    static void unregister(NatsServer server) {
        OPEN.remove(server);
    }

    /** Number of tracked servers; for tests. */
    static int openCount() {
        return OPEN.size();
    }

    private static void reapAll() {
        for (NatsServer server : OPEN) {
            server.killOnJvmExit();
        }
    }
}
