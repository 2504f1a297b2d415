package dev.relay.nats.jetstream;

import dev.relay.nats.Durations;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the configs and the API calls, done before anything is sent. Stateless. */
final class Names {
    private Names() {
    }

    /**
     * Checks a stream or consumer name: not empty, no whitespace, {@code .}, {@code *}, {@code >},
     * path separators or control characters (they would break the API subjects).
     */
    static String checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + ": must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '.' || c == '*' || c == '>' || c == '/' || c == '\\' || c == 127) {
                throw new IllegalArgumentException(what + ": '" + name
                    + "' may not contain whitespace, '.', '*', '>', '/' or '\\' (bad character at index " + i + ")");
            }
        }
        return name;
    }

    static void checkNotNegative(String what, Duration d) {
        if (Objects.requireNonNull(d, what).isNegative()) {
            throw new IllegalArgumentException(what + ": must not be negative, got " + Durations.format(d));
        }
    }

    static void checkPositive(String what, Duration d) {
        if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + ": must be positive, got " + Durations.format(d));
        }
    }

    static void checkSubject(String what, String subject) {
        Objects.requireNonNull(subject, what);
        if (subject.isEmpty() || subject.startsWith(".") || subject.endsWith(".") || subject.contains("..")) {
            throw new IllegalArgumentException(what + ": '" + subject + "' is not a valid subject");
        }
        for (int i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) <= ' ') {
                throw new IllegalArgumentException(what + ": '" + subject + "' contains whitespace at index " + i);
            }
        }
    }
}
