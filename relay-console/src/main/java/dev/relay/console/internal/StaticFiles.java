package dev.relay.console.internal;

import dev.relay.console.ConsoleException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The single-page console's files (HTML, CSS, JavaScript), read once from the class path at start, so
 * the page needs no CDN and no network. Immutable; thread-safe.
 */
final class StaticFiles {

    /** One file: its bytes and content type. */
    record File(byte[] bytes, String contentType) {
    }

    private static final String ROOT = "/dev/relay/console/web/";

    private final Map<String, File> byPath;

    private StaticFiles(Map<String, File> byPath) {
        this.byPath = byPath;
    }

    /**
     * Loads the console's files.
     *
     * @return the files
     * @throws ConsoleException if one is missing from the class path
     */
    static StaticFiles load() {
        return new StaticFiles(Map.of(
                "/", load("index.html", "text/html; charset=utf-8"),
                "/index.html", load("index.html", "text/html; charset=utf-8"),
                "/console.css", load("console.css", "text/css; charset=utf-8"),
                "/console.js", load("console.js", "text/javascript; charset=utf-8"),
                "/favicon.svg", load("favicon.svg", "image/svg+xml")));
    }

    /**
     * The file served at a path.
     *
     * @param path the request path without query
     * @return the file, if there is one
     */
    Optional<File> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static File load(String name, String contentType) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new ConsoleException("the console's " + name + " is missing from the class path (" + ROOT + ")", null);
            }
            return new File(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new ConsoleException("cannot read the console's " + name + ": " + e.getMessage(), e);
        }
    }
}
