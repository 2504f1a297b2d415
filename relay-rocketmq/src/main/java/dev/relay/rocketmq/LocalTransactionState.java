package dev.relay.rocketmq;

/** The outcome of a local transaction, as sent in END_TRANSACTION. */
public enum LocalTransactionState {
    /** Make the message visible to consumers. */
    COMMIT(8),
    /** Discard the message. */
    ROLLBACK(12),
    /** Not known yet: the broker asks again later. */
    UNKNOWN(0);

    private final int wireCode;

    LocalTransactionState(int wireCode) {
        this.wireCode = wireCode;
    }

    /** @return the {@code commitOrRollback} value on the wire */
    public int wireCode() {
        return wireCode;
    }
}
