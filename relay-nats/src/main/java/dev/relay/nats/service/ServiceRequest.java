package dev.relay.nats.service;

import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import java.nio.charset.StandardCharsets;

/**
 * One request to a service endpoint, handed to its {@link ServiceHandler}: the data, the headers and
 * ways to answer, including the standard error answer of ADR-32. Use from the handler's thread (it may
 * be handed to another thread to answer later).
 */
public final class ServiceRequest {
    private final Message message;
    private final EndpointRuntime endpoint;
    private volatile boolean responded;

    ServiceRequest(Message message, EndpointRuntime endpoint) {
        this.message = message;
        this.endpoint = endpoint;
    }

    /**
     * The subject the request was sent to (useful with wildcard endpoints).
     *
     * @return the subject
     */
    public String subject() {
        return message.subject();
    }

    /**
     * The request payload.
     *
     * @return the bytes (not copied)
     */
    public byte[] data() {
        return message.data();
    }

    /**
     * The request payload as UTF-8 text.
     *
     * @return the text
     */
    public String dataAsString() {
        return message.dataAsString();
    }

    /**
     * The request headers.
     *
     * @return the headers, empty when none came
     */
    public Headers headers() {
        return message.headers();
    }

    /**
     * The underlying message.
     *
     * @return the message
     */
    public Message message() {
        return message;
    }

    /**
     * Whether an answer was sent already.
     *
     * @return true after a respond or respondError
     */
    public boolean hasResponded() {
        return responded;
    }

    /**
     * Answers the request.
     *
     * @param data the reply payload
     * @throws IllegalStateException if the request has no reply subject
     */
    public void respond(byte[] data) {
        respond(null, data);
    }

    /**
     * Answers the request with UTF-8 text.
     *
     * @param data the reply text
     */
    public void respond(String data) {
        respond(null, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers the request with headers.
     *
     * @param headers reply headers, or null
     * @param data the reply payload
     */
    public void respond(Headers headers, byte[] data) {
        responded = true;
        if (headers == null) {
            message.respond(data);
        } else {
            message.respond(headers, data);
        }
    }

    /**
     * Answers with an error and no payload; counted in the endpoint's errors.
     *
     * @param code the error code (e.g. 400), sent in {@code Nats-Service-Error-Code}
     * @param description the error text, sent in {@code Nats-Service-Error}
     * @throws IllegalArgumentException if the description is empty or holds CR or LF
     */
    public void respondError(int code, String description) {
        respondError(code, description, new byte[0]);
    }

    /**
     * Answers with an error and a payload; counted in the endpoint's errors.
     *
     * @param code the error code
     * @param description the error text
     * @param data the reply payload
     */
    public void respondError(int code, String description, byte[] data) {
        ServiceError error = new ServiceError(code, description);
        endpoint.recordError(error.toString()); // before answering, so the client finds it counted
        respond(error.toHeaders(null), data);
    }
}
