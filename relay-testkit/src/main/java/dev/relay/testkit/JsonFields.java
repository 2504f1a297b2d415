package dev.relay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads repeated string fields and string arrays out of nats-server JSON (monitoring endpoints such
 * as {@code /routez} and {@code /jsz}, and INFO's {@code connect_urls}) without a JSON library.
 * Complements {@link InfoJson}, which reads one flat field. Pure; thread-safe.
 *
 * <p>Good enough for nats-server's own output: values are matched by field name at any depth, and
 * strings are assumed not to contain {@code ]} inside arrays (true for URLs, ids and subjects).
 */
final class JsonFields {

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private JsonFields() {
    }

    /**
     * Returns the value of every string field called {@code name}, at any depth, in document order;
     * e.g. each route's {@code remote_id} in {@code /routez}.
     */
    static List<String> allStrings(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*" + STRING.pattern()).matcher(json);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(unescape(m.group(1)));
        }
        return values;
    }

    /**
     * Returns the strings of every array field called {@code name}, flattened in document order; e.g.
     * {@code "connect_urls":["127.0.0.1:4222","127.0.0.1:4223"]} gives both URLs. Empty if absent.
     */
    static List<String> stringArrays(String json, String name) {
        Matcher arrays = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        List<String> values = new ArrayList<>();
        while (arrays.find()) {
            Matcher items = STRING.matcher(arrays.group(1));
            while (items.find()) {
                values.add(unescape(items.group(1)));
            }
        }
        return values;
    }

    /**
     * Undoes JSON escapes. Go's encoder writes {@code >}, {@code <} and {@code &} as six-character
     * unicode escapes (backslash, {@code u003e}), which matters for wildcard subjects such as
     * {@code orders.>} in {@code /routez}.
     */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= raw.length()) {
                        throw new IllegalArgumentException("truncated \\u escape in '" + raw + "'");
                    }
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return out.toString();
    }
}
