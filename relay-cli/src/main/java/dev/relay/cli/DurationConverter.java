package dev.relay.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}) for
 * every {@link Duration} option, and writes them back the same way for messages. Thread-safe
 * (stateless).
 *
 * <p>Grammar: {@code NUMBER UNIT}, NUMBER a decimal such as {@code 2} or {@code 1.5}, UNIT one of
 * {@code ns us ms s m h}. The result must be positive: every duration here is a timeout.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");
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
        Matcher m = FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration: " + EXAMPLES);
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2))))
                .setScale(0, RoundingMode.DOWN);
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
     * Formats a duration in the largest unit that shows it exactly: {@code 2s}, {@code 500ms},
     * {@code 1m}, {@code 1500ms}, {@code 90s}.
     *
     * @param duration the duration, not negative
     * @return a short text that {@link #parse(String)} reads back to the same value
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        String[] units = {"h", "m", "s", "ms", "us"};
        for (String unit : units) {
            long per = nanosPer(unit);
            if (nanos != 0 && nanos % per == 0) {
                return nanos / per + unit;
            }
        }
        return nanos + "ns";
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
