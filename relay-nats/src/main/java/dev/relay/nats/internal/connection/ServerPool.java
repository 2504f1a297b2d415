package dev.relay.nats.internal.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The servers a connection may use: those the user gave (shuffled unless told not to) and those the
 * cluster announced in INFO {@code connect_urls} (implicit; dropped when no longer announced). Counts
 * failed attempts per server and drops a server past the reconnect limit. Pure logic, no I/O.
 * Thread-safe: short, non-blocking critical sections (reconnect steps and INFO updates may overlap).
 *
 * <p>Clusters announce their servers by address ({@code 10.0.0.2:4222}) while certificates name hosts.
 * As nats.go does, a server announced by address is checked against the host name the connection was
 * given: that of the server that announced it, or else of the first configured URL with a host name. The
 * name travels in the server's URI fragment ({@value #TLS_NAME}{@code name}), read by {@link #tlsName(URI)};
 * the host stays the address to connect to.
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

    /** Starts the URI fragment that names the host a discovered server's certificate is checked against. */
    static final String TLS_NAME = "tls-name=";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private final List<Entry> entries = new ArrayList<>();
    private final int maxReconnects;
    /** Credentials of the first explicit URL that has some, lent to discovered servers. */
    private final String userInfo;
    /** Scheme for discovered servers: {@code tls} when a TLS URL was given, so TLS carries over. */
    private final String scheme;
    /** Host name of the first configured URL that has one (not an address), or null. */
    private final String configuredName;

    ServerPool(List<URI> servers, boolean randomize, int maxReconnects, Random random) {
        this.maxReconnects = maxReconnects;
        List<URI> order = new ArrayList<>(servers);
        if (randomize) {
            Collections.shuffle(order, random);
        }
        String ui = null;
        String sch = "nats";
        String name = null;
        for (URI u : servers) {
            if (name == null && u.getHost() != null && !isAddress(u.getHost())) {
                name = u.getHost();
            }
        }
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
        this.configuredName = name;
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

    /**
     * Replaces the servers the application gave with a new list (a server-list provider's answer before a
     * reconnect round): given servers no longer listed leave, new ones join (keeping the failure counts
     * of those that stay); servers the cluster announced are kept.
     */
    synchronized void replaceGiven(List<URI> given) {
        entries.removeIf(e -> !e.implicit && given.stream().noneMatch(u -> same(u, e.uri)));
        for (URI u : given) {
            if (find(u) == null) {
                entries.add(new Entry(u, false));
            }
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
     * servers no longer announced (never the one in use, never one the user gave). A server announced
     * by address is to be verified against a host name (see the class comment).
     *
     * @param connectUrls the announced {@code host:port}s
     * @param current the server that announced them, or null
     * @return the servers added, as announced (without the name to verify, which is not for display)
     */
    synchronized List<URI> discovered(List<String> connectUrls, URI current) {
        String name = current != null && !isAddress(tlsName(current)) ? tlsName(current) : configuredName;
        List<URI> announced = new ArrayList<>();
        for (String s : connectUrls) {
            URI u = parse(s, name);
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
                added.add(withoutFragment(u));
            }
        }
        return added;
    }

    /**
     * The host name to send in TLS SNI and to check the server's certificate against: the host name the
     * connection was given for a server discovered by address, else the server's own host.
     *
     * @param uri a server of the pool
     * @return the name to verify
     */
    static String tlsName(URI uri) {
        String f = uri.getFragment();
        return f != null && f.startsWith(TLS_NAME) && f.length() > TLS_NAME.length()
            ? f.substring(TLS_NAME.length()) : uri.getHost();
    }

    /** Whether a URI host is an IP address literal ({@code 10.0.0.2}, {@code [::1]}) rather than a name. */
    static boolean isAddress(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    private URI parse(String hostPort, String name) {
        try {
            URI u = new URI("nats://" + hostPort);
            if (u.getHost() == null || u.getPort() < 0) {
                return null;
            }
            String fragment = name != null && isAddress(u.getHost()) ? TLS_NAME + name : null;
            return new URI(scheme, userInfo, u.getHost(), u.getPort(), null, null, fragment);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static URI withoutFragment(URI u) {
        try {
            return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), u.getPort(), u.getPath(), u.getQuery(), null);
        } catch (URISyntaxException e) {
            return u; // cannot happen: the same parts made a URI before
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
