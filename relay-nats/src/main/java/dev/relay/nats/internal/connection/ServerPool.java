package dev.relay.nats.internal.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The servers a connection may use: those the user gave (shuffled unless told not to) and those the
 * cluster announced in INFO {@code connect_urls} (implicit; dropped when no longer announced). Counts
 * failed attempts per server and drops a server past the reconnect limit. Pure logic, no I/O.
 * Thread-safe: short, non-blocking critical sections (reconnect steps and INFO updates may overlap).
 */
final class ServerPool {
    /** One server and its failed attempts since it last worked. */
    private static final class Entry {
        final URI uri;
        final boolean implicit;
        int failures;

        Entry(URI uri, boolean implicit) {
            this.uri = uri;
            this.implicit = implicit;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final int maxReconnects;
    /** Credentials of the first explicit URL that has some, lent to discovered servers. */
    private final String userInfo;
    /** Scheme for discovered servers: {@code tls} when a TLS URL was given, so TLS carries over. */
    private final String scheme;

    ServerPool(List<URI> servers, boolean randomize, int maxReconnects, Random random) {
        this.maxReconnects = maxReconnects;
        List<URI> order = new ArrayList<>(servers);
        if (randomize) {
            Collections.shuffle(order, random);
        }
        String ui = null;
        String sch = "nats";
        for (URI u : order) {
            if ("tls".equalsIgnoreCase(u.getScheme())) {
                sch = "tls";
            }
            if (find(u) == null) {
                entries.add(new Entry(u, false));
            }
            if (ui == null && u.getUserInfo() != null) {
                ui = u.getUserInfo();
            }
        }
        this.userInfo = ui;
        this.scheme = sch;
    }

    /** The servers to try in one round: every server once, the one just used last. */
    synchronized List<URI> round(URI last) {
        List<URI> out = new ArrayList<>(entries.size());
        Entry lastEntry = last == null ? null : find(last);
        for (Entry e : entries) {
            if (e != lastEntry) {
                out.add(e.uri);
            }
        }
        if (lastEntry != null) {
            out.add(lastEntry.uri);
        }
        return out;
    }

    /** A connection to the server worked: its failures are forgiven. */
    synchronized void connected(URI uri) {
        Entry e = find(uri);
        if (e != null) {
            e.failures = 0;
        }
    }

    /** An attempt failed; past the limit the server leaves the pool. */
    synchronized void failed(URI uri) {
        Entry e = find(uri);
        if (e != null && maxReconnects >= 0 && ++e.failures > maxReconnects) {
            entries.remove(e);
        }
    }

    /** Takes a server out of the pool for good (it refused the credentials twice in a row). */
    synchronized void remove(URI uri) {
        Entry e = find(uri);
        if (e != null) {
            entries.remove(e);
        }
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized List<URI> servers() {
        List<URI> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.uri));
        return out;
    }

    /**
     * Takes the cluster's current {@code connect_urls}: adds servers not known yet, drops discovered
     * servers no longer announced (never the one in use, never one the user gave).
     *
     * @return the servers added
     */
    synchronized List<URI> discovered(List<String> connectUrls, URI current) {
        List<URI> announced = new ArrayList<>();
        for (String s : connectUrls) {
            URI u = parse(s);
            if (u != null) {
                announced.add(u);
            }
        }
        entries.removeIf(e -> e.implicit && !(current != null && same(e.uri, current))
            && announced.stream().noneMatch(a -> same(a, e.uri)));
        List<URI> added = new ArrayList<>();
        for (URI u : announced) {
            if (find(u) == null) {
                entries.add(new Entry(u, true));
                added.add(u);
            }
        }
        return added;
    }

    private URI parse(String hostPort) {
        try {
            URI u = new URI("nats://" + hostPort);
            if (u.getHost() == null || u.getPort() < 0) {
                return null;
            }
            return new URI(scheme, userInfo, u.getHost(), u.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private Entry find(URI uri) {
        for (Entry e : entries) {
            if (same(e.uri, uri)) {
                return e;
            }
        }
        return null;
    }

    /**
     * How a server is named in events and messages: its scheme as used (tls when TLS is on), host and
     * port, or the socket path; never the credentials of its URL.
     *
     * @param uri the server
     * @param tls whether the connection to it uses TLS
     * @return e.g. {@code tls://127.0.0.1:4222} or {@code unix:///run/nats.sock}
     */
    static String display(URI uri, boolean tls) {
        if ("unix".equalsIgnoreCase(uri.getScheme())) {
            return "unix://" + uri.getPath();
        }
        return (tls ? "tls://" : "nats://") + uri.getHost() + ":" + uri.getPort();
    }

    private static boolean same(URI a, URI b) {
        if (a.getHost() == null || b.getHost() == null) {
            return a.getHost() == null && b.getHost() == null && a.getPath().equals(b.getPath());
        }
        return a.getPort() == b.getPort()
            && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT));
    }
}
