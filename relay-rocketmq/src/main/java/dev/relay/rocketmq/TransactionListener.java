package dev.relay.rocketmq;

/**
 * The application's side of a transaction: runs the local transaction after the half message is
 * stored, and tells the broker the outcome when it asks later. {@code checkLocal} runs on the
 * producer's callback thread; exceptions count as {@link LocalTransactionState#UNKNOWN}.
 */
public interface TransactionListener {
    /**
     * Runs the local transaction; called on the thread that called {@code sendInTransaction}.
     *
     * @param message the half message sent
     * @param arg the argument given to {@code sendInTransaction}
     * @return commit, rollback or unknown (the broker will check back)
     */
    LocalTransactionState executeLocal(Message message, Object arg);

    /**
     * Answers the broker's check for a transaction whose outcome it does not know.
     *
     * @param message the half message as stored (its {@code msgId} is the one sent)
     * @return commit, rollback or unknown (asked again later)
     */
    LocalTransactionState checkLocal(ReceivedMessage message);
}
