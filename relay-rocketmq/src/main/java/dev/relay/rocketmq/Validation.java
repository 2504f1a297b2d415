package dev.relay.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Argument rules shared by messages, producers and admin calls; stateless, thread-safe. */
final class Validation {
    private static final Pattern TOPIC = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_TOPIC_LENGTH = 127;
    /** Property names the client or broker set themselves; a user value would corrupt the message. */
    private static final Set<String> RESERVED = Set.of("TAGS", "KEYS", "WAIT", "DELAY", "UNIQ_KEY", "TRAN_MSG",
        "PGROUP", "MSG_REGION", "TRACE_ON", "REAL_TOPIC", "REAL_QID", "MIN_OFFSET", "MAX_OFFSET",
        "__transactionId__", "CLUSTER", "TRANSACTION_CHECK_TIMES", "TRAN_PREPARED_QUEUE_OFFSET");

    private Validation() {
    }

    static void topic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new InvalidMessageException("topic must not be empty");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidMessageException("topic '" + topic + "' is longer than " + MAX_TOPIC_LENGTH + " characters");
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw new InvalidMessageException("topic '" + topic + "' may contain only letters, digits, '%', '|', '_' and '-'");
        }
    }

    static void message(byte[] body, String tags, List<String> keys, Map<String, String> properties, int delayLevel) {
        if (body.length == 0) {
            throw new InvalidMessageException("body must not be empty");
        }
        if (body.length > Message.MAX_BODY_BYTES) {
            throw new InvalidMessageException("body of " + body.length + " bytes is larger than the broker's "
                + Message.MAX_BODY_BYTES + "-byte limit");
        }
        if (tags != null && (tags.isBlank() || hasSeparator(tags))) {
            throw new InvalidMessageException("tags '" + tags + "' must not be blank or contain control characters");
        }
        for (String key : keys) {
            if (key == null || key.isEmpty() || key.contains(" ") || hasSeparator(key)) {
                throw new InvalidMessageException("key '" + key + "' must be non-empty without spaces (keys are space-separated)");
            }
        }
        properties.forEach((name, value) -> {
            if (name.isEmpty() || value.isEmpty() || hasSeparator(name) || hasSeparator(value)) {
                throw new InvalidMessageException("property '" + name + "' needs a non-empty name and value without \\u0001/\\u0002");
            }
            if (RESERVED.contains(name)) {
                throw new InvalidMessageException("property name '" + name + "' is reserved by RocketMQ");
            }
        });
        if (delayLevel < 0 || delayLevel > Message.MAX_DELAY_LEVEL) {
            throw new InvalidMessageException("delayLevel " + delayLevel + " is not within 0.." + Message.MAX_DELAY_LEVEL);
        }
    }

    static String group(String group, String what) {
        if (group == null || group.isEmpty() || group.length() > 255 || !TOPIC.matcher(group).matches()) {
            throw new InvalidMessageException(what + " '" + group
                + "' must be 1-255 characters of letters, digits, '%', '|', '_' and '-'");
        }
        return group;
    }

    private static boolean hasSeparator(String s) {
        return s.indexOf('\u0001') >= 0 || s.indexOf('\u0002') >= 0;
    }
}
