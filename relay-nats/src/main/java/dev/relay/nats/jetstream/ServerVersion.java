package dev.relay.nats.jetstream;

/**
 * A nats-server version as INFO reports it ({@code 2.9.10}, {@code v2.10.0-RC.1}), ordered by major, minor
 * and patch; what follows a dash is ignored. Immutable.
 */
record ServerVersion(int major, int minor, int patch, String text) implements Comparable<ServerVersion> {
    static final ServerVersion V2_9_0 = parse("2.9.0");
    static final ServerVersion V2_10_0 = parse("2.10.0");
    static final ServerVersion V2_11_0 = parse("2.11.0");
    /** Newer than any release: writes every field that is set, for files rather than a server. */
    static final ServerVersion LATEST = new ServerVersion(Integer.MAX_VALUE, 0, 0, "any");

    static ServerVersion parse(String text) {
        String t = text.startsWith("v") ? text.substring(1) : text;
        int dash = t.indexOf('-');
        String[] parts = (dash >= 0 ? t.substring(0, dash) : t).split("\\.");
        int[] n = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                n[i] = 0;
            }
        }
        return new ServerVersion(n[0], n[1], n[2], text);
    }

    boolean atLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /**
     * Fails when this server is older than the version that introduced a field that was set.
     *
     * @param field the JSON name of the field
     * @param needed the first version that supports it
     * @throws JetStreamUnsupportedException if this version is older
     */
    void require(String field, ServerVersion needed) {
        if (!atLeast(needed)) {
            throw new JetStreamUnsupportedException("'" + field + "' needs nats-server " + needed.text()
                + " or later; the connected server is " + text + " and would silently ignore it", field,
                needed.text(), text);
        }
    }
}
