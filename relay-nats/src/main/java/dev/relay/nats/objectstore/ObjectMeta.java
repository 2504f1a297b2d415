package dev.relay.nats.objectstore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the writer of an object says about it: name, description, headers, metadata, chunk size, and for
 * a link object the link. Immutable; {@link #of(String)} or {@link #builder(String)}.
 *
 * @param name the object's name (any non-empty text)
 * @param description free text
 * @param headers header-like pairs stored with the object
 * @param metadata free key/value pairs
 * @param chunkSize the largest chunk in bytes (default 128 KiB)
 * @param link where a link object points; empty for a regular object
 */
public record ObjectMeta(String name, String description, Map<String, List<String>> headers,
                         Map<String, String> metadata, int chunkSize, Optional<ObjectLink> link) {
    /** The chunk size nats.go and the other clients use. */
    public static final int DEFAULT_CHUNK_SIZE = 128 * 1024;

    /** Checks the fields and copies the collections. */
    public ObjectMeta {
        Names.checkObjectName(name);
        Objects.requireNonNull(description, "description");
        Map<String, List<String>> h = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> h.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(h);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize: must be positive, got " + chunkSize);
        }
        Objects.requireNonNull(link, "link");
    }

    /**
     * Meta with just a name and the defaults.
     *
     * @param name the object's name
     * @return the meta
     */
    public static ObjectMeta of(String name) {
        return builder(name).build();
    }

    /**
     * Starts meta for an object.
     *
     * @param name the object's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a builder holding these values.
     *
     * @return a builder holding these values
     */
    public Builder toBuilder() {
        Builder b = new Builder(name).description(description).chunkSize(chunkSize);
        b.headers.putAll(headers);
        b.metadata.putAll(metadata);
        b.link = link.orElse(null);
        return b;
    }

    /** Collects the meta of an object. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private ObjectLink link;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the description (free text).
         *
         * @param v free text
         * @return this builder
         */
        public Builder description(String v) { description = v; return this; }

        /**
         * Adds a header.
         *
         * @param key header name
         * @param values its values
         * @return this builder
         */
        public Builder header(String key, String... values) { headers.put(key, List.of(values)); return this; }

        /**
         * Adds a metadata entry.
         *
         * @param key metadata key
         * @param value its value
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * Sets the largest chunk in bytes.
         *
         * @param v the largest chunk in bytes
         * @return this builder
         */
        public Builder chunkSize(int v) { chunkSize = v; return this; }

        Builder link(ObjectLink v) { link = v; return this; }

        /**
         * Builds the meta.
         *
         * @return the meta
         */
        public ObjectMeta build() {
            return new ObjectMeta(name, description, headers, metadata, chunkSize, Optional.ofNullable(link));
        }
    }
}
