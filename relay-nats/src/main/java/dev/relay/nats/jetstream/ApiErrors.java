package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one place that turns the API's {@code error} object into a typed exception. Stateless; thread-safe.
 */
final class ApiErrors {
    private ApiErrors() {
    }

    /**
     * Maps an {@code {"code": 404, "err_code": 10059, "description": "stream not found"}} object.
     *
     * @param error the error object
     * @return the exception to throw
     */
    static JetStreamApiException fromJson(JsonNode error) {
        return of(Json.integer(error, "code"), Json.integer(error, "err_code"), Json.str(error, "description"));
    }

    static JetStreamApiException of(int status, int apiErrorCode, String description) {
        return switch (apiErrorCode) {
            case JetStreamApiException.STREAM_NOT_FOUND -> new StreamNotFoundException(status, apiErrorCode, description);
            case JetStreamApiException.CONSUMER_NOT_FOUND -> new ConsumerNotFoundException(status, apiErrorCode, description);
            case JetStreamApiException.NO_MESSAGE_FOUND -> new MessageNotFoundException(status, apiErrorCode, description);
            case JetStreamApiException.WRONG_LAST_SEQUENCE -> new WrongLastSequenceException(status, apiErrorCode, description);
            case JetStreamApiException.WRONG_LAST_MSG_ID -> new WrongLastMessageIdException(status, apiErrorCode, description);
            case JetStreamApiException.STREAM_NAME_IN_USE -> new StreamNameInUseException(status, apiErrorCode, description);
            case JetStreamApiException.NOT_ENABLED, JetStreamApiException.NOT_ENABLED_FOR_ACCOUNT ->
                new JetStreamNotEnabledException(status, apiErrorCode, description);
            default -> new JetStreamApiException(status, apiErrorCode, description);
        };
    }
}
