package dev.relay.testkit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads single fields out of a NATS {@code INFO {...}} greeting without a JSON library; enough for
 * the flat string, number and boolean fields the test kit needs. Pure; thread-safe.
 */
final class InfoJson {

    private InfoJson() {
    }

    /** Returns the JSON object of an INFO line ({@code INFO {...}} → {@code {...}}), trimmed. */
    static String body(String infoLine) {
        String trimmed = infoLine.strip();
        return trimmed.startsWith("INFO ") ? trimmed.substring(5).strip() : trimmed;
    }

    /** Returns a top-level string field such as {@code version}, if present. */
    static Optional<String> stringField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Returns a top-level boolean field such as {@code jetstream}, if present. */
    static Optional<Boolean> booleanField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(true|false)").matcher(json);
        return m.find() ? Optional.of(Boolean.parseBoolean(m.group(1))) : Optional.empty();
    }
}
