package dev.relay.nats.internal.protocol;

import dev.relay.nats.InvalidSubjectException;

/**
 * The NATS rules for subjects and queue group names, checked before anything reaches the wire.
 * A subject is one or more tokens separated by dots; tokens are non-empty and hold no whitespace.
 * In subscriptions {@code *} may stand as a whole token and {@code >} as the whole last token;
 * published subjects and reply subjects take no wildcards. Stateless; thread-safe.
 */
public final class Subjects {
    private Subjects() {
    }

    /**
     * Checks a subject to publish to (or a reply subject): no wildcards.
     *
     * @param subject the subject
     * @param argName the argument's name, for the message
     * @throws InvalidSubjectException naming the rule broken
     */
    public static void checkPublish(String subject, String argName) {
        check(subject, argName, false);
    }

    /**
     * Checks a subject to subscribe to: wildcards as whole tokens, {@code >} last.
     *
     * @param subject the subject
     * @param argName the argument's name, for the message
     * @throws InvalidSubjectException naming the rule broken
     */
    public static void checkSubscribe(String subject, String argName) {
        check(subject, argName, true);
    }

    /**
     * Checks a queue group name: non-empty, no whitespace.
     *
     * @param queue the queue group name
     * @throws InvalidSubjectException naming the rule broken
     */
    public static void checkQueue(String queue) {
        if (queue == null || queue.isEmpty()) {
            throw new InvalidSubjectException("queue: a queue group name must not be empty");
        }
        for (int i = 0; i < queue.length(); i++) {
            if (isSpace(queue.charAt(i))) {
                throw new InvalidSubjectException("queue: '" + escape(queue) + "' contains whitespace at index " + i);
            }
        }
    }

    /**
     * Whether a subject (already valid) holds a wildcard token.
     *
     * @param subject a subject
     * @return true if a token is {@code *} or {@code >}
     */
    public static boolean hasWildcard(String subject) {
        int n = subject.length();
        for (int i = 0; i < n; i++) {
            char c = subject.charAt(i);
            if ((c == '*' || c == '>') && (i == 0 || subject.charAt(i - 1) == '.')
                    && (i == n - 1 || subject.charAt(i + 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    private static void check(String subject, String argName, boolean wildcards) {
        if (subject == null || subject.isEmpty()) {
            throw new InvalidSubjectException(argName + ": a subject must not be empty");
        }
        int n = subject.length();
        int tokenStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? subject.charAt(i) : '.';
            if (c == '.') {
                int len = i - tokenStart;
                if (len == 0) {
                    throw new InvalidSubjectException(argName + ": '" + escape(subject)
                        + "' has an empty token at index " + i + " (leading, trailing or double dot)");
                }
                if (len == 1) {
                    char t = subject.charAt(tokenStart);
                    if (t == '>' || t == '*') {
                        if (!wildcards) {
                            throw new InvalidSubjectException(argName + ": '" + escape(subject)
                                + "' holds the wildcard '" + t + "'; wildcards are only allowed when subscribing");
                        }
                        if (t == '>' && i != n) {
                            throw new InvalidSubjectException(argName + ": '" + escape(subject)
                                + "': the wildcard '>' must be the last token");
                        }
                    }
                }
                tokenStart = i + 1;
            } else if (isSpace(c)) {
                throw new InvalidSubjectException(argName + ": '" + escape(subject)
                    + "' contains whitespace at index " + i);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < ' ') {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return s.length() > 200 ? b.append("…").toString() : b.toString();
    }
}
