package dev.relay.nats.objectstore;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The wire names of an object store (ADR-20) in one place: stream {@code OBJ_<bucket>}, chunk subjects
 * {@code $O.<bucket>.C.<nuid>}, meta subjects {@code $O.<bucket>.M.<base64url(name)>} (padded, as
 * nats.go encodes them), the bucket name rule and new object ids. Thread-safe.
 */
final class Names {
    static final String STREAM_PREFIX = "OBJ_";
    static final String ROLLUP_HEADER = "Nats-Rollup";
    static final String ROLLUP_SUBJECT = "sub";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int NUID_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    static String stream(String bucket) {
        return STREAM_PREFIX + bucket;
    }

    static String chunkSubject(String bucket, String nuid) {
        return "$O." + bucket + ".C." + nuid;
    }

    static String metaSubject(String bucket, String name) {
        return "$O." + bucket + ".M." + Base64.getUrlEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static String allChunks(String bucket) {
        return "$O." + bucket + ".C.>";
    }

    static String allMeta(String bucket) {
        return "$O." + bucket + ".M.>";
    }

    /** Bucket names: {@code [a-zA-Z0-9_-]+}, as nats.go accepts them. */
    static String checkBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket: must not be empty");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("bucket: '" + bucket + "' has '" + c
                    + "'; only letters, digits, '_' and '-' are allowed");
            }
        }
        return bucket;
    }

    static String checkObjectName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name: an object needs a non-empty name");
        }
        return name;
    }

    /** A fresh 22-character base62 id, like the NUIDs other clients use for chunk subjects. */
    static String nuid() {
        char[] c = new char[NUID_LENGTH];
        for (int i = 0; i < NUID_LENGTH; i++) {
            c[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(c);
    }
}
