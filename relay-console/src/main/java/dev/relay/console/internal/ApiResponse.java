package dev.relay.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A successful API answer: an HTTP status and its JSON body. Immutable.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
record ApiResponse(HttpResponseStatus status, JsonNode body) {

    /** A 200 with the given body. */
    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(HttpResponseStatus.OK, body);
    }
}
