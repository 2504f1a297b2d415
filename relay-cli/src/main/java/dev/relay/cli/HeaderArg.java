package dev.relay.cli;

import dev.relay.nats.Headers;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code -H KEY:VALUE} option value, checked against the NATS header rules when the command line
 * is parsed, so a bad header is a usage error before anything connects. Thread-safe (immutable).
 *
 * <p>Grammar: the key is everything before the first {@code :}, the value everything after it (more
 * colons stay in the value); blanks around both are dropped, as in HTTP.
 *
 * @param key the header name: printable ASCII without spaces or colons
 * @param value the header value, possibly empty, without CR or LF
 */
public record HeaderArg(String key, String value) {

    /**
     * Parses {@code KEY:VALUE}.
     *
     * @param text the option value, e.g. {@code Trace-Id: abc} or {@code Url:http://x:1}
     * @return the parsed header
     * @throws TypeConversionException if there is no key before a colon, or the key or value is invalid
     */
    public static HeaderArg parse(String text) {
        int colon = text.indexOf(':');
        String key = colon < 0 ? "" : text.substring(0, colon).strip();
        if (key.isEmpty()) {
            throw new TypeConversionException("'" + text + "' is not a header: use KEY:VALUE, e.g. Trace-Id:abc");
        }
        String value = text.substring(colon + 1).strip();
        try {
            new Headers().add(key, value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not a valid header: " + e.getMessage());
        }
        return new HeaderArg(key, value);
    }

    /**
     * Collects the options into NATS headers, keeping their order; a repeated key gets several values.
     *
     * @param args the parsed {@code -H} options, possibly empty
     * @return the headers, or null when there are none (so the message is sent without headers)
     */
    public static Headers toHeaders(List<HeaderArg> args) {
        if (args.isEmpty()) {
            return null;
        }
        Headers headers = new Headers();
        for (HeaderArg arg : args) {
            headers.add(arg.key(), arg.value());
        }
        return headers;
    }

    /** Lets picocli convert {@code -H} values; stateless. */
    public static final class Converter implements ITypeConverter<HeaderArg> {

        /** Creates the converter. */
        public Converter() {
        }

        /**
         * Converts one option value with {@link HeaderArg#parse(String)}.
         *
         * @param value the text after {@code -H}
         * @return the header
         */
        @Override
        public HeaderArg convert(String value) {
            return parse(value);
        }
    }
}
