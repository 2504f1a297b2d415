package dev.relay.nats.kv;

import dev.relay.nats.Headers;
import dev.relay.nats.jetstream.JetStreamUnsupportedException;
import dev.relay.nats.jetstream.JsMessage;
import dev.relay.nats.jetstream.MessageMetadata;
import dev.relay.nats.jetstream.StoredMessage;

/**
 * The wire layout of a Key-Value bucket (ADR-8) in one place: bucket and key rules, stream and subject
 * names, the operation header, and turning stored messages into entries. Stateless.
 */
final class Keys {
    static final String STREAM_PREFIX = "KV_";
    static final String OPERATION_HEADER = "KV-Operation";
    static final String ROLLUP_HEADER = "Nats-Rollup";
    static final String ROLLUP_SUBJECT = "sub";

    private Keys() {
    }

    /** The header that gives one message its own time to live (nats-server 2.11, ADR-43). */
    static final String TTL_HEADER = "Nats-TTL";

    static String subjectPrefix(String bucket) {
        return "$KV." + bucket + ".";
    }

    /** Bucket names: {@code [a-zA-Z0-9_-]+}, as nats.go accepts them. */
    static String checkBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket: must not be empty");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (!(isAlnum(c) || c == '_' || c == '-')) {
                throw new IllegalArgumentException("bucket: '" + bucket + "' has '" + c
                    + "'; only letters, digits, '_' and '-' are allowed");
            }
        }
        return bucket;
    }

    /** Keys: {@code [-/_=.a-zA-Z0-9]+}, no leading, trailing or doubled dot (each token is a subject token). */
    static String checkKey(String key) {
        return check("key", key, false);
    }

    /** Watch and listing filters: a key that may also use {@code *} tokens and a trailing {@code >}. */
    static String checkFilter(String filter) {
        return check("filter", filter, true);
    }

    private static String check(String what, String key, boolean wildcards) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(what + ": must not be empty");
        }
        if (key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new IllegalArgumentException(what + ": '" + key + "' must not start or end with '.' or have an empty token");
        }
        String[] tokens = key.split("\\.");
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            boolean wildcard = token.equals("*") || (token.equals(">") && t == tokens.length - 1);
            if (wildcards && wildcard) {
                continue;
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (!(isAlnum(c) || c == '-' || c == '/' || c == '_' || c == '=')) {
                    throw new IllegalArgumentException(what + ": '" + key + "' has '" + c + "'; allowed are letters, "
                        + "digits and - / _ = ." + (wildcards ? " (and whole tokens * or a last >)" : ""));
                }
            }
        }
        return key;
    }

    /**
     * Refuses a feature the connected server is too old for, before anything is sent.
     *
     * @param serverVersion the version from the server's INFO, e.g. {@code 2.9.10}
     * @param field the header or field that needs the newer server
     * @param major the first major version that has it
     * @param minor the first minor version that has it
     */
    static void requireServer(String serverVersion, String field, int major, int minor) {
        String[] p = serverVersion.replaceFirst("^v", "").split("[.-]");
        int have = p.length > 1 ? number(p[0]) * 1000 + number(p[1]) : 0;
        if (have < major * 1000 + minor) {
            String needed = major + "." + minor + ".0";
            throw new JetStreamUnsupportedException("'" + field + "' needs nats-server " + needed
                + " or later; the connected server is " + serverVersion, field, needed, serverVersion);
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static KeyValueOperation operation(Headers headers) {
        return headers == null ? KeyValueOperation.PUT
            : KeyValueOperation.fromHeader(headers.first(OPERATION_HEADER).orElse(""));
    }

    static KeyValueEntry entry(String bucket, StoredMessage m) {
        return new KeyValueEntry(bucket, m.subject().substring(subjectPrefix(bucket).length()), m.data(), m.sequence(),
            m.time(), 0, operation(m.headers()));
    }

    static KeyValueEntry entry(String bucket, JsMessage m) {
        MessageMetadata meta = m.metadata();
        return new KeyValueEntry(bucket, m.subject().substring(subjectPrefix(bucket).length()), m.data(),
            meta.streamSequence(), meta.timestamp(), meta.pending(), operation(m.hasHeaders() ? m.headers() : null));
    }
}
