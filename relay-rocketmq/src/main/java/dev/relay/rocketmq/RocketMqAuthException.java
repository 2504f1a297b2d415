package dev.relay.rocketmq;

/**
 * The broker refused the request for lack of authentication or permission (response code 16
 * NO_PERMISSION on RocketMQ 5.3+); the remark says which (unknown user, bad signature, no policy).
 */
public class RocketMqAuthException extends RocketMqBrokerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param responseCode the response code
     * @param remark the server's remark
     * @param context what was asked of whom
     */
    public RocketMqAuthException(int responseCode, String remark, String context) {
        super(responseCode, remark, context);
    }
}
