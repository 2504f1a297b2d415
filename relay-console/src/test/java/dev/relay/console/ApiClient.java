package dev.relay.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls a running console's API over real HTTP and WebSockets with the JDK's client, as curl or a
 * browser would. Thread-safe.
 */
final class ApiClient {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final URI base;
    private final String token;

    /** One answer: status and JSON body (an empty object for a body that is not JSON). */
    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String error() {
            return json.path("error").asText();
        }

        String field() {
            return json.path("field").asText();
        }
    }

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Reply get(String path) {
        return send(builder(path).GET());
    }

    Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path, Object body) {
        try {
            return post(path, MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request without the token (or with another one), to test the guard. */
    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().startsWith("{") ? MAPPER.readTree(r.body()) : MAPPER.createObjectNode();
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    /** Subscribes through the API and returns the sid. */
    long subscribe(String subject) {
        Reply r = post("/api/nats/subscribe", "{\"subject\":\"" + subject + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("subscribe failed: " + r.status() + " " + r.json());
        }
        return r.json().path("sid").asLong();
    }

    /** Opens the message WebSocket of a sid, optionally with an Origin header. */
    Socket openSocket(long sid, String origin) {
        Socket socket = new Socket();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            b.header("Origin", origin);
        }
        URI uri = URI.create("ws://" + base.getAuthority() + "/api/nats/messages?sid=" + sid + "&token=" + token);
        socket.ws = b.buildAsync(uri, socket).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return socket;
    }

    /** The client side of a message WebSocket: collects whole text messages; reads only when asked. */
    static final class Socket implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final AtomicLong received = new AtomicLong();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean autoRead = true;
        WebSocket ws;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                received.incrementAndGet();
                partial.setLength(0);
            }
            if (autoRead) {
                webSocket.request(1);
            }
            return null;
        }

        /** Resumes reading after {@code autoRead = false}. */
        void resume() {
            autoRead = true;
            ws.request(1);
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no message on the WebSocket within " + WAIT);
            }
            return m;
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
    }
}
