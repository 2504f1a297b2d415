package dev.relay.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads nats-server's HTTP monitoring endpoint ({@code http: 127.0.0.1:PORT} in its config) to see
 * what the server knows about a client, e.g. its subscriptions. Uses {@link HttpURLConnection} because
 * the tests are compiled into the {@code dev.relay.nats} module, which does not read {@code java.net.http}.
 * Thread-safe.
 */
final class Monitoring {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    Monitoring(int port) {
        this.port = port;
    }

    /**
     * The subjects the server holds subscriptions on for the connection with the given client name.
     *
     * @param clientName the name given with {@link Options.Builder#name(String)}
     * @return the subscribed subjects, as {@code /connz?subs=1} lists them
     * @throws AssertionError if no such connection is known to the server
     */
    List<String> subscriptionsOf(String clientName) {
        for (JsonNode c : get("/connz?subs=1").path("connections")) {
            if (clientName.equals(c.path("name").asText())) {
                List<String> subjects = new ArrayList<>();
                c.path("subscriptions_list").forEach(s -> subjects.add(s.asText()));
                return subjects;
            }
        }
        throw new AssertionError("the server lists no connection named '" + clientName + "'");
    }

    /**
     * Whether the server lists a connection with the given client name.
     *
     * @param clientName the client name
     * @return true if {@code /connz} shows it
     */
    boolean hasConnection(String clientName) {
        for (JsonNode c : get("/connz").path("connections")) {
            if (clientName.equals(c.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode get(String path) {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
            http.setConnectTimeout((int) Clients.WAIT.toMillis());
            http.setReadTimeout((int) Clients.WAIT.toMillis());
            try (InputStream in = http.getInputStream()) {
                return JSON.readTree(in);
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on the monitoring port " + port + " failed", e);
        }
    }
}
