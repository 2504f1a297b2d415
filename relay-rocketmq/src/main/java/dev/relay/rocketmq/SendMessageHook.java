package dev.relay.rocketmq;

/**
 * Called around every send (all modes, every retry); e.g. for tracing or metrics. {@code before}
 * runs on the sending thread; {@code after} on the sending thread (sync, oneway) or the callback
 * thread (async). Exceptions from a hook are logged and ignored.
 */
public interface SendMessageHook {
    /**
     * @param context the send about to happen (no result yet)
     */
    default void sendMessageBefore(SendContext context) {
    }

    /**
     * @param context the send with its result or exception
     */
    default void sendMessageAfter(SendContext context) {
    }
}
