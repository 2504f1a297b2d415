package dev.relay.rocketmq;

/**
 * Sees every request a producer, admin or consumer sends and every response it gets, e.g. to add
 * ext fields (credentials, tracing ids) or to log. Hooks run in the order given to the options, on
 * the calling thread (before) and on the I/O thread (after): keep them short and non-blocking. An
 * exception from {@code beforeRequest} fails that request; one from {@code afterResponse} is logged.
 *
 * <p>{@code ClientOptions.builder().nameServers("127.0.0.1:9876").rpcHook(new RpcHook() {
 *     public void beforeRequest(RpcRequest r) { r.extFields().put("traceId", "t-1"); } }).build();}
 */
public interface RpcHook {
    /**
     * Called before a request is encoded; its ext fields may be changed.
     *
     * @param request the request, with a mutable {@link RpcRequest#extFields()}
     */
    default void beforeRequest(RpcRequest request) {
    }

    /**
     * Called when the response to a request arrives (not for oneway requests).
     *
     * @param request the request (its ext fields as sent)
     * @param response the response
     */
    default void afterResponse(RpcRequest request, RpcResponse response) {
    }

    /** A request about to be sent. Confined to the thread calling the hook. */
    interface RpcRequest {
        /** @return the {@code host:port} it goes to */
        String address();

        /** @return the request code (e.g. 310 SEND_MESSAGE_V2) */
        int code();

        /** @return the ext fields, mutable in {@code beforeRequest} */
        java.util.Map<String, String> extFields();

        /** @return the body (do not modify) */
        byte[] body();
    }

    /** A response received. */
    interface RpcResponse {
        /** @return the response code, 0 for success */
        int code();

        /** @return the remark (error text) or {@code null} */
        String remark();

        /** @return the response's ext fields */
        java.util.Map<String, String> extFields();
    }
}
