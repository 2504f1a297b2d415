package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.NoRespondersException;

/**
 * Sends JetStream API requests ({@code <prefix>.STREAM.INFO.ORDERS} with a JSON body) over the
 * connection's request/reply and turns the answer into JSON or a typed exception. A request nobody
 * answers means JetStream is not enabled. Thread-safe.
 */
final class ApiClient {
    private static final byte[] EMPTY = new byte[0];

    private final Connection nc;
    private final JetStreamOptions options;

    ApiClient(Connection nc, JetStreamOptions options) {
        this.nc = nc;
        this.options = options;
    }

    Connection connection() {
        return nc;
    }

    JetStreamOptions options() {
        return options;
    }

    /** The connected server's version, read from its latest INFO (it may change across reconnects). */
    ServerVersion version() {
        return ServerVersion.parse(nc.serverInfo().version());
    }

    String subject(String suffix) {
        return options.apiPrefix() + "." + suffix;
    }

    /**
     * Calls the API and returns its JSON answer.
     *
     * @param suffix the part after the prefix, e.g. {@code STREAM.NAMES}
     * @param body the request body, or null for none
     * @return the answer, never an error answer
     * @throws JetStreamApiException (or a subclass) if the API answered with an error
     * @throws JetStreamNotEnabledException if nobody answers the API subject
     */
    JsonNode request(String suffix, JsonNode body) {
        Message reply = raw(subject(suffix), null, body == null ? EMPTY : Json.bytes(body));
        return check(Json.parse(reply.data()));
    }

    /** Sends a request to an API subject as is; for direct get, whose answer is a message, not JSON. */
    Message raw(String subject, Headers headers, byte[] body) {
        try {
            return nc.request(subject, headers, body, options.requestTimeout());
        } catch (NoRespondersException e) {
            throw new JetStreamNotEnabledException(503, 0, "no JetStream API answered on " + subject
                + ": JetStream is not enabled on the server or for this account (or the API prefix is wrong)");
        }
    }

    static JsonNode check(JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw ApiErrors.fromJson(error);
        }
        return answer;
    }
}
