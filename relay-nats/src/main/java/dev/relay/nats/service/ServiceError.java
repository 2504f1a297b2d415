package dev.relay.nats.service;

import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * A service error as ADR-32 carries it in the {@code Nats-Service-Error} (description) and
 * {@code Nats-Service-Error-Code} (a number) headers of a reply: the formatting function for services
 * and the check for clients. Immutable.
 *
 * <pre>{@code
 * Message reply = nc.request("calc.add", "1 x", Duration.ofSeconds(1));
 * ServiceError.of(reply).ifPresent(e -> System.err.println(e.code() + " " + e.description()));
 * }</pre>
 *
 * @param code the error code, e.g. 400
 * @param description a text to show the user; not empty, no CR or LF
 */
public record ServiceError(int code, String description) {

    /** The header holding the description. */
    public static final String ERROR_HEADER = "Nats-Service-Error";
    /** The header holding the numeric code. */
    public static final String ERROR_CODE_HEADER = "Nats-Service-Error-Code";

    /**
     * Checks the description.
     *
     * @throws IllegalArgumentException if the description is empty or holds CR or LF
     */
    public ServiceError {
        Objects.requireNonNull(description, "description");
        if (description.isEmpty()) {
            throw new IllegalArgumentException("description: a service error needs a description");
        }
        if (description.indexOf('\r') >= 0 || description.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("description: must not contain CR or LF (it travels in a header)");
        }
    }

    /**
     * The error a reply carries, if any.
     *
     * @param reply a reply from a service
     * @return the error, or empty if the reply has no {@code Nats-Service-Error-Code} header
     */
    public static Optional<ServiceError> of(Message reply) {
        if (!reply.hasHeaders()) {
            return Optional.empty();
        }
        Optional<String> code = reply.headers().first(ERROR_CODE_HEADER);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        int parsed;
        try {
            parsed = Integer.parseInt(code.get().trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        String description = reply.headers().first(ERROR_HEADER).filter(d -> !d.isEmpty()).orElse("unknown error");
        return Optional.of(new ServiceError(parsed, description));
    }

    /**
     * The two headers that say this error, plus any given ones.
     *
     * @param extra headers to add to, or null
     * @return the headers to respond with
     */
    public Headers toHeaders(Headers extra) {
        Headers h = extra == null ? new Headers() : extra;
        return h.put(ERROR_HEADER, description).put(ERROR_CODE_HEADER, Integer.toString(code));
    }

    /**
     * The error as stats report it in {@code last_error}: {@code code:description}, as nats.go writes it.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return code + ":" + description;
    }
}
