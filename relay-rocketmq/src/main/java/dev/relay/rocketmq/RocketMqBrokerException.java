package dev.relay.rocketmq;

/**
 * A name server or broker answered with an error response code; {@link #responseCode()} and
 * {@link #remark()} are verbatim from the response.
 */
public class RocketMqBrokerException extends RocketMqException {
    private static final long serialVersionUID = 1L;

    private final int responseCode;
    private final String remark;

    /**
     * Creates the exception.
     *
     * @param responseCode the response code (e.g. 1 SYSTEM_ERROR, 17 TOPIC_NOT_EXIST)
     * @param remark the server's remark, may be {@code null}
     * @param context what was asked of whom
     */
    public RocketMqBrokerException(int responseCode, String remark, String context) {
        super(context + " failed with response code " + responseCode + (remark == null ? "" : ": " + remark));
        this.responseCode = responseCode;
        this.remark = remark;
    }

    /** @return the response code the server sent */
    public int responseCode() {
        return responseCode;
    }

    /** @return the server's error text, or {@code null} */
    public String remark() {
        return remark;
    }

    /** Busy (2), flush/slave timeouts (10, 12) and service not available (14) are retriable. */
    @Override
    public boolean isRetriable() {
        return responseCode == 2 || responseCode == 10 || responseCode == 12 || responseCode == 14;
    }
}
