package dev.relay.nats.service;

/** Handles the requests of one service endpoint; called on the endpoint's dispatcher, one request at a time. */
@FunctionalInterface
public interface ServiceHandler {

    /**
     * Handles one request. Answer with {@link ServiceRequest#respond(byte[])} or
     * {@link ServiceRequest#respondError(int, String)}; returning does not answer by itself. An
     * exception thrown here is logged, answered with error 500 (unless an answer was already sent) and
     * counted in the endpoint's errors; the service keeps running.
     *
     * @param request the request
     */
    void onRequest(ServiceRequest request);
}
