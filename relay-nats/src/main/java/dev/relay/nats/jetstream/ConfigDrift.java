package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares the configuration JSON that was sent in an add or update with the one the server answered
 * with, so a setting the server ignored (an older server drops fields it does not know) or changed fails
 * loudly instead of going unnoticed. Fields with zero values are skipped: the server fills in its
 * defaults for those. Objects are compared as subsets (the server may add fields). Stateless.
 */
final class ConfigDrift {
    private ConfigDrift() {
    }

    /**
     * Checks that every non-zero field sent came back unchanged.
     *
     * @param what "stream ORDERS" or "consumer ORDERS > billing", for the message
     * @param sent the config that was sent
     * @param stored the config in the server's answer
     * @param version the server's version
     * @throws JetStreamUnsupportedException naming the first field that differs
     */
    static void check(String what, JsonNode sent, JsonNode stored, ServerVersion version) {
        if (stored == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = sent.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (isZero(e.getValue())) {
                continue;
            }
            JsonNode got = stored.get(e.getKey());
            if (got == null || !matches(e.getValue(), got)) {
                throw new JetStreamUnsupportedException("nats-server " + version.text() + " stored " + what
                    + " but " + (got == null ? "ignored '" + e.getKey() + "'" : "changed '" + e.getKey() + "' to " + got)
                    + " (sent " + e.getValue() + "); the setting is not in effect", e.getKey(), "", version.text());
            }
        }
    }

    private static boolean isZero(JsonNode v) {
        return v.isNull() || v.isNumber() && v.asLong() == 0 || v.isBoolean() && !v.asBoolean()
            || v.isTextual() && v.asText().isEmpty() || v.isContainerNode() && v.isEmpty();
    }

    private static boolean matches(JsonNode sent, JsonNode got) {
        if (sent.isNumber()) {
            return got.isNumber() && sent.asLong() == got.asLong();
        }
        if (sent.isTextual()) {
            return got.isTextual() && (sent.asText().equals(got.asText()) || sameTime(sent.asText(), got.asText()));
        }
        if (sent.isArray()) {
            if (!got.isArray() || got.size() != sent.size()) {
                return false;
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!matches(sent.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sent.isObject()) {
            if (!got.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = sent.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode g = got.get(e.getKey());
                if (!isZero(e.getValue()) && (g == null || !matches(e.getValue(), g))) {
                    return false;
                }
            }
            return true;
        }
        return sent.equals(got);
    }

    private static boolean sameTime(String a, String b) {
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
