package dev.relay.rocketmq.internal.protocol;

import dev.relay.rocketmq.RocketMqProtocolException;

/** How a frame's header is written: the high byte of the header-length word. Immutable. */
public enum SerializeType {
    /** A JSON object (the server's default). */
    JSON(0),
    /** RocketMQ's compact binary layout. */
    ROCKETMQ(1);

    private final int code;

    SerializeType(int code) {
        this.code = code;
    }

    /** @return the wire code */
    public int code() {
        return code;
    }

    /**
     * @param code the wire code
     * @return the type
     * @throws RocketMqProtocolException for an unknown code
     */
    public static SerializeType of(int code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> throw new RocketMqProtocolException("unknown header serialize type " + code);
        };
    }
}
