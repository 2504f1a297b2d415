package dev.relay.nats.jetstream;

import dev.relay.nats.NatsException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link PullConsumer#consume} pulls: how many messages (and bytes) it keeps asked for ahead (a new
 * request goes out once half of that arrived), how long a request stays open, the idle
 * heartbeat the server sends while it is open (missing two means the consumer or server is gone and a
 * new request is sent), and who hears about problems (deleted consumer, lost heartbeats, a server
 * restart). Immutable.
 *
 * @param batch messages kept asked for, 1 or more (default 100)
 * @param maxBytes bytes kept asked for (subject, headers and payload as the server counts them), 0
 *     for none (default)
 * @param expires how long one request stays open (default 30 s, at least 1 s)
 * @param heartbeat idle heartbeat, less than half of expires (default 5 s)
 * @param errorHandler told about each problem; consumption goes on after it (default: ignore, logged at debug)
 */
public record ConsumeOptions(int batch, long maxBytes, Duration expires, Duration heartbeat,
                             Consumer<NatsException> errorHandler) {
    /** The defaults. */
    public static final ConsumeOptions DEFAULTS = new ConsumeOptions(100, 0, Duration.ofSeconds(30), Duration.ofSeconds(5), e -> { });

    /** Checks the fields. */
    public ConsumeOptions {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be 1 or more, got " + batch);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: must be 0 (none) or more, got " + maxBytes);
        }
        if (expires.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("expires: must be at least 1s, got " + expires);
        }
        Names.checkPositive("heartbeat", heartbeat);
        if (heartbeat.multipliedBy(2).compareTo(expires) > 0) {
            throw new IllegalArgumentException("heartbeat: must be at most half of expires (" + expires + "), got " + heartbeat);
        }
        Objects.requireNonNull(errorHandler, "errorHandler");
    }

    /**

     * Messages per request.

     *

     * @param n messages per request

     * @return new options

     */
    public ConsumeOptions withBatch(int n) {
        return new ConsumeOptions(n, maxBytes, expires, heartbeat, errorHandler);
    }

    /**

     * Byte budget per request, 0 for none.

     *

     * @param bytes byte budget per request, 0 for none

     * @return new options

     */
    public ConsumeOptions withMaxBytes(long bytes) {
        return new ConsumeOptions(batch, bytes, expires, heartbeat, errorHandler);
    }

    /**

     * Request expiry.

     *

     * @param e request expiry

     * @param hb idle heartbeat

     * @return new options

     */
    public ConsumeOptions withExpires(Duration e, Duration hb) {
        return new ConsumeOptions(batch, maxBytes, e, hb, errorHandler);
    }

    /**

     * Told about each problem.

     *

     * @param h told about each problem

     * @return new options

     */
    public ConsumeOptions withErrorHandler(Consumer<NatsException> h) {
        return new ConsumeOptions(batch, maxBytes, expires, heartbeat, h);
    }
}
