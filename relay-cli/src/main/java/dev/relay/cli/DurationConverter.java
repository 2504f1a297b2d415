package dev.relay.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m30s}) for
 * every {@link Duration} option, and writes them back the same way for messages, never as
 * {@link Duration#toString()}'s {@code PT1M30S}. Thread-safe (stateless).
 *
 * <p>Grammar: one or more {@code NUMBER UNIT} parts, units largest first and each at most once (as Go's
 * {@code time.ParseDuration} writes them: {@code 1h2m3.5s}); NUMBER a decimal such as {@code 2} or
 * {@code 1.5}, UNIT one of {@code h m s ms us ns}. The result must be positive: every duration here is a
 * timeout or a lifetime.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final String PART = "(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)";
    private static final Pattern FORMAT = Pattern.compile("(?:" + PART + ")+");
    private static final Pattern PARTS = Pattern.compile(PART);
    /** {@link Duration#toString()}'s form, as the library writes durations into its messages. */
    private static final Pattern ISO = Pattern.compile("\\bPT(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b");
    /** The units, largest first: the order the parts of a duration are written in. */
    private static final List<String> UNITS = List.of("h", "m", "s", "ms", "us", "ns");
    private static final String EXAMPLES = "use a number and a unit (ns, us, ms, s, m, h), e.g. 500ms, 2s or 1m";

    /** Creates the converter; picocli calls this once per command line. */
    public DurationConverter() {
    }

    /**
     * Converts an option value.
     *
     * @param value the text after the option, e.g. {@code 500ms}
     * @return the duration, positive
     * @throws TypeConversionException if the text is not a positive duration
     */
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses a duration such as {@code 500ms}, {@code 2s}, {@code 1.5s} or {@code 1m}.
     *
     * @param text the text to parse; surrounding blanks are ignored
     * @return the duration, positive, rounded down to whole nanoseconds
     * @throws TypeConversionException if the text is malformed, zero or too long
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(t).matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration: " + EXAMPLES);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int previous = -1;
        Matcher m = PARTS.matcher(t);
        while (m.find()) {
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= previous) {
                throw new TypeConversionException("'" + text + "' is not a duration: write each unit once, "
                        + "largest first, e.g. 1m30s; " + EXAMPLES);
            }
            previous = unit;
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
        }
        nanos = nanos.setScale(0, RoundingMode.DOWN);
        if (nanos.signum() == 0) {
            throw new TypeConversionException("'" + text + "' is not a positive duration: " + EXAMPLES);
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is too long: the longest duration is about 292 years");
        }
    }

    /**
     * Formats a duration as people write one: hours, minutes and seconds from one second up
     * ({@code 2s}, {@code 1.5s}, {@code 1m30s}, {@code 2h}, {@code 1h30s}), otherwise the largest of
     * {@code ms}, {@code us}, {@code ns} with a decimal fraction ({@code 500ms}, {@code 1.5ms},
     * {@code 250ns}). Zero parts are left out; zero itself is {@code 0s}.
     *
     * @param duration the duration, not negative
     * @return a short text that {@link #parse(String)} reads back to the same value (zero aside)
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        long second = nanosPer("s");
        if (nanos < second) {
            String unit = nanos >= nanosPer("ms") ? "ms" : nanos >= nanosPer("us") ? "us" : "ns";
            return decimal(nanos, nanosPer(unit)) + unit;
        }
        StringBuilder b = new StringBuilder();
        long hours = nanos / nanosPer("h");
        long minutes = nanos % nanosPer("h") / nanosPer("m");
        long rest = nanos % nanosPer("m");
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (rest > 0) {
            b.append(decimal(rest, second)).append('s');
        }
        return b.toString();
    }

    /**
     * Rewrites every {@link Duration#toString()} form in a text ({@code PT5S}, {@code PT1M30S},
     * {@code PT0.5S}) as {@link #format(Duration)} writes it: the library's exception messages name
     * durations that way, and the command prints those messages.
     *
     * @param text a message
     * @return the message with {@code 5s}, {@code 1m30s}, {@code 500ms} in their place
     */
    public static String humanize(String text) {
        return ISO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(format(Duration.parse(m.group()))));
    }

    /** {@code value / per} as a decimal without trailing zeros: 1.5, 30, 1.234. */
    private static String decimal(long value, long per) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(per)).stripTrailingZeros().toPlainString();
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unit: unknown duration unit '" + unit + "'");
        };
    }
}
