package dev.relay.nats.service;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The naming rules of ADR-32 for services, endpoints, groups and queue groups. Stateless; thread-safe. */
final class Validation {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** The regular expression semver.org suggests, as ADR-32 asks. */
    private static final Pattern SEMVER = Pattern.compile(
        "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private Validation() {
    }

    static String name(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + ": '" + name
                + "' must be non-empty and hold only A-Z, a-z, 0-9, '-' and '_'");
        }
        return name;
    }

    static String version(String version) {
        Objects.requireNonNull(version, "version");
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("version: '" + version
                + "' is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.0.0)");
        }
        return version;
    }

    /**
     * A subject an endpoint listens on: tokens separated by dots, none empty, no whitespace; {@code *}
     * and {@code >} only as whole tokens, {@code >} only last (and not at all in a group prefix).
     */
    static String subject(String what, String subject, boolean allowFullWildcard) {
        Objects.requireNonNull(subject, what);
        if (subject.isEmpty()) {
            throw new IllegalArgumentException(what + ": must not be empty");
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                throw new IllegalArgumentException(what + ": '" + subject + "' has an empty token");
            }
            for (int c = 0; c < t.length(); c++) {
                if (Character.isWhitespace(t.charAt(c))) {
                    throw new IllegalArgumentException(what + ": '" + subject + "' must not contain whitespace");
                }
            }
            if ((t.contains("*") || t.contains(">")) && t.length() > 1) {
                throw new IllegalArgumentException(what + ": '" + subject + "' uses a wildcard inside a token");
            }
            if (t.equals(">") && (!allowFullWildcard || i != tokens.length - 1)) {
                throw new IllegalArgumentException(what + ": '" + subject + "' may use '>' only as the last token"
                    + (allowFullWildcard ? "" : " of an endpoint subject, never in a group name"));
            }
        }
        return subject;
    }

    static String queueGroup(String queue) {
        Objects.requireNonNull(queue, "queueGroup");
        if (queue.isEmpty() || queue.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("queueGroup: '" + queue
                + "' must be non-empty without whitespace (use noQueueGroup() for none)");
        }
        return queue;
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        metadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("metadata: keys and values must not be null");
            }
        });
        return Map.copyOf(metadata);
    }
}
