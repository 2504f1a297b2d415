package dev.relay.nats.kv;

/**
 * What a Key-Value entry records: a value, a delete marker or a purge marker. Stored as the
 * {@code KV-Operation} header ({@code DEL}, {@code PURGE}; absent for a put), as every NATS client does.
 */
public enum KeyValueOperation {
    /** A value was put. */
    PUT,
    /** The key was deleted; earlier revisions may remain in the history. */
    DELETE,
    /** The key was purged: this marker replaced its whole history. */
    PURGE;

    /**
     * The operation that a {@code KV-Operation} header value names.
     *
     * @param header the header value, or empty for none
     * @return the operation; {@link #PUT} for an absent or unknown value
     */
    static KeyValueOperation fromHeader(String header) {
        return switch (header) {
            case "DEL" -> DELETE;
            case "PURGE" -> PURGE;
            default -> PUT;
        };
    }

    /**
     * The value written in the {@code KV-Operation} header.
     *
     * @return {@code DEL} or {@code PURGE}; empty for {@link #PUT}
     */
    String headerValue() {
        return switch (this) {
            case DELETE -> "DEL";
            case PURGE -> "PURGE";
            case PUT -> "";
        };
    }
}
