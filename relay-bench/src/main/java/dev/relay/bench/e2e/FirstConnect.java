package dev.relay.bench.e2e;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;

/**
 * Times the first connect of a fresh JVM (class loading included) and says whether it loaded a JSON
 * library: run it once per JVM, several times, against a local server. Prints one line to stdout.
 *
 * <pre>{@code
 * java -cp "relay-bench/target/relay-bench-0.1.0-SNAPSHOT.jar:relay-bench/target/lib/*" \
 *     dev.relay.bench.e2e.FirstConnect nats://127.0.0.1:4222
 * }</pre>
 */
public final class FirstConnect {
    private FirstConnect() {
    }

    /**
     * Connects once and reports.
     *
     * @param args the server URL
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (Connection nc = Nats.connect(args.length > 0 ? args[0] : "nats://127.0.0.1:4222")) {
            long took = System.nanoTime() - start;
            boolean jackson = ClassLoader.getSystemClassLoader().getDefinedPackage("com.fasterxml.jackson.databind") != null;
            System.out.printf("first connect %d ms (%s), Jackson loaded: %s%n", took / 1_000_000,
                nc.serverInfo().version(), jackson);
        }
    }
}
