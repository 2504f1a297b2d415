package dev.relay.rocketmq;

/**
 * Called for every END_TRANSACTION the producer sends (after a local transaction, and in answer to a
 * broker's check). Exceptions from the hook are logged and ignored.
 */
@FunctionalInterface
public interface EndTransactionHook {
    /**
     * @param context what was sent
     */
    void endTransaction(EndTransactionContext context);
}
