package dev.relay.cli.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads where the running JDK has them (Java 21+), found by reflection so this code still
 * compiles for and runs on Java 17. Stateless; thread-safe.
 */
public final class VirtualThreads {

    /** What a case needing virtual threads says on an older JDK. */
    public static final String NEEDS_JAVA_21 = "needs Java 21";

    private VirtualThreads() {
    }

    /**
     * Whether this JDK has virtual threads ({@code Thread.ofVirtual} exists).
     *
     * @return true on Java 21 and later
     */
    public static boolean available() {
        try {
            Thread.class.getMethod("ofVirtual");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * An executor that starts a new virtual thread per task ({@code Executors.newVirtualThreadPerTaskExecutor}).
     *
     * @return the executor; close it with {@code shutdown} and {@code awaitTermination}
     * @throws UnsupportedOperationException on a JDK without virtual threads
     */
    public static ExecutorService newPerTaskExecutor() {
        if (!available()) {
            throw new UnsupportedOperationException(NEEDS_JAVA_21 + " (running on Java "
                + Runtime.version().feature() + ")");
        }
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UnsupportedOperationException(NEEDS_JAVA_21 + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create virtual threads", e.getCause());
        }
    }
}
