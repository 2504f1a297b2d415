package dev.relay.console.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A failed API call with the HTTP status and the JSON error body it becomes:
 * {@code {"error": CODE, "field": FIELD, "message": TEXT}}. Thrown by the API's parsing and routing
 * code, turned into a response by {@link ConsoleHttpHandler}. Immutable.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;
    private final String field;

    /**
     * Creates the error.
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param code a stable machine-readable code, e.g. {@code invalid_subject}
     * @param field the request field at fault, or null when none is
     * @param message what is wrong, for people
     */
    public ApiException(HttpResponseStatus status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /**
     * A 400 naming the field at fault.
     *
     * @param code the error code
     * @param field the field
     * @param message what is wrong
     * @return the error
     */
    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, code, field, message);
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public HttpResponseStatus status() {
        return status;
    }

    /**
     * The error code.
     *
     * @return e.g. {@code missing_field}
     */
    public String code() {
        return code;
    }

    /**
     * The field at fault.
     *
     * @return the field name, or null
     */
    public String field() {
        return field;
    }
}
