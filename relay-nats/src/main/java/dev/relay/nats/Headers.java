package dev.relay.nats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * NATS message headers: ordered, multi-valued, case-preserving. Keys are matched exactly (as the
 * server and the other clients do); {@link #getIgnoreCase(String)} is there for lenient lookups.
 * Received headers also carry the status line of the {@code NATS/1.0} preamble ({@link #status()},
 * e.g. 503 for "no responders"). Not thread-safe: build, then hand over.
 *
 * <pre>{@code
 * Headers h = Headers.of("Trace-Id", "abc").add("Tag", "a").add("Tag", "b");
 * nc.publish("orders.new", h, bytes);
 * }</pre>
 */
public final class Headers {
    private final LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
    private int status;
    private String description = "";

    /** Creates empty headers. */
    public Headers() {
    }

    /**
     * Creates headers from key/value pairs, in order.
     *
     * @param keyValues alternating keys and values; a key may repeat to give several values
     * @return the new headers
     * @throws IllegalArgumentException if the count is odd or a key or value breaks the rules
     */
    public static Headers of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues: expected key/value pairs, got an odd count " + keyValues.length);
        }
        Headers h = new Headers();
        for (int i = 0; i < keyValues.length; i += 2) {
            h.add(keyValues[i], keyValues[i + 1]);
        }
        return h;
    }

    /**
     * Adds a value to a key, after any values it already has.
     *
     * @param key header name: printable ASCII, no spaces or colons
     * @param value header value: no CR or LF
     * @return these headers
     * @throws IllegalArgumentException if the key or value breaks the rules
     */
    public Headers add(String key, String value) {
        checkKey(key);
        checkValue(value);
        map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        return this;
    }

    /**
     * Sets a key to the given values, replacing what it had.
     *
     * @param key header name
     * @param values one or more values
     * @return these headers
     * @throws IllegalArgumentException if the key or a value breaks the rules, or no value is given
     */
    public Headers put(String key, String... values) {
        checkKey(key);
        if (values.length == 0) {
            throw new IllegalArgumentException("values: at least one value is required for key '" + key + "'");
        }
        List<String> list = new ArrayList<>(values.length);
        for (String v : values) {
            checkValue(v);
            list.add(v);
        }
        map.put(key, list);
        return this;
    }

    /**
     * Removes a key and all its values.
     *
     * @param key header name
     * @return these headers
     */
    public Headers remove(String key) {
        map.remove(key);
        return this;
    }

    /**
     * The first value of a key.
     *
     * @param key header name, matched exactly
     * @return the first value, or empty
     */
    public java.util.Optional<String> first(String key) {
        List<String> v = map.get(key);
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(0));
    }

    /**
     * All values of a key, in the order they were added or received.
     *
     * @param key header name, matched exactly
     * @return the values; empty if the key is absent
     */
    public List<String> get(String key) {
        List<String> v = map.get(key);
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    /**
     * All values of every key that equals {@code key} ignoring case, in order.
     *
     * @param key header name, matched ignoring ASCII case
     * @return the values; empty if none matches
     */
    public List<String> getIgnoreCase(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /**
     * Whether a key is present.
     *
     * @param key header name, matched exactly
     * @return true if the key has at least one value
     */
    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    /**
     * The keys, in insertion order, with their original case.
     *
     * @return an unmodifiable view of the keys
     */
    public Set<String> keys() {
        return Collections.unmodifiableSet(map.keySet());
    }

    /**
     * A read-only view of every key with its values.
     *
     * @return the entries in insertion order
     */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(map);
    }

    /**
     * Whether there are no keys (a status line alone still counts as empty).
     *
     * @return true if no key is present
     */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /**
     * Number of distinct keys.
     *
     * @return the key count
     */
    public int size() {
        return map.size();
    }

    /**
     * The status code from the {@code NATS/1.0 <code> <description>} line of received headers (for
     * example 503 for no responders, 408 for a request timeout, 100 for an idle heartbeat), or 0 when
     * the line carries none.
     *
     * @return the status code, or 0
     */
    public int status() {
        return status;
    }

    /**
     * The status description that followed the code, or an empty string.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Whether the headers carry a status code.
     *
     * @return true when {@link #status()} is not 0
     */
    public boolean hasStatus() {
        return status != 0;
    }

    /**
     * Sets the status line; used when decoding received headers.
     *
     * @param code the status code (100–999), or 0 for none
     * @param text the description, possibly empty
     * @return these headers
     */
    public Headers status(int code, String text) {
        if (code != 0 && (code < 100 || code > 999)) {
            throw new IllegalArgumentException("code: a status must have three digits, got " + code);
        }
        checkValue(text);
        this.status = code;
        this.description = text;
        return this;
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key: a header name must not be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                throw new IllegalArgumentException("key: header name '" + key
                    + "' may hold only printable ASCII without spaces or ':' (bad character at index " + i + ")");
            }
        }
    }

    private static void checkValue(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("value: a header value must not contain CR or LF (index " + i + ")");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.status == status && h.description.equals(description) && h.map.equals(map);
    }

    @Override
    public int hashCode() {
        return Objects.hash(map, status, description);
    }

    @Override
    public String toString() {
        return (status != 0 ? status + " " + description + " " : "") + map;
    }
}
