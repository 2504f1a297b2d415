package dev.relay.nats;

import java.time.Duration;

/**
 * Writes durations the way people write them, as every Relay message and exception does ({@code 2s},
 * {@code 500ms}, {@code 1m30s}, {@code 1.5s}, {@code 250us}), never ISO-8601's {@code PT2S}. Stateless;
 * thread-safe.
 *
 * <pre>{@code
 * log.info("retrying in {}", Durations.format(Duration.ofMillis(1500)));   // retrying in 1.5s
 * }</pre>
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Formats a duration with the largest units that describe it exactly, down to nanoseconds.
     *
     * @param d the duration (null gives "none")
     * @return e.g. {@code 2s}, {@code 1.5s}, {@code 500ms}, {@code 1h2m3s}
     */
    public static String format(Duration d) {
        if (d == null) {
            return "none";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds == 0) {
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return nanos / 1_000 + "us";
            }
            return nanos + "ns";
        }
        StringBuilder b = new StringBuilder();
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0 || nanos > 0) {
            b.append(s);
            if (nanos > 0) {
                String frac = String.format("%09d", nanos).replaceAll("0+$", "");
                b.append('.').append(frac);
            }
            b.append('s');
        }
        return b.toString();
    }

    /**
     * Formats nanoseconds as {@link #format(Duration)} does.
     *
     * @param nanos the duration in nanoseconds
     * @return the text
     */
    public static String formatNanos(long nanos) {
        return format(Duration.ofNanos(nanos));
    }
}
