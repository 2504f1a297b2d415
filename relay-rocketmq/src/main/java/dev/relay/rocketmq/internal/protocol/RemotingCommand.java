package dev.relay.rocketmq.internal.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RocketMQ remoting frame (request or response): header fields, string ext fields and a body.
 * Built by the client for requests and by {@link RemotingCodec} for what arrives. Not thread-safe:
 * a command is filled in by one thread and then handed over (a happens-before edge is the caller's).
 */
public final class RemotingCommand {
    /** Flag bit 0: the frame is a response. */
    public static final int FLAG_RESPONSE = 1;
    /** Flag bit 1: a oneway request, no response will come. */
    public static final int FLAG_ONEWAY = 2;
    /** The version Relay claims: V5_3_3 (its ordinal); route JSON is then standard JSON. */
    public static final int CLIENT_VERSION = 479;
    /** Language code OTHER; informational for the broker. */
    public static final int LANGUAGE_OTHER = 7;

    private int code;
    private int language = LANGUAGE_OTHER;
    private int version = CLIENT_VERSION;
    private int opaque;
    private int flag;
    private String remark;
    private final Map<String, String> extFields = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    /**
     * A request with the given code and no fields yet.
     *
     * @param code the request code
     * @return the command
     */
    public static RemotingCommand request(int code) {
        RemotingCommand c = new RemotingCommand();
        c.code = code;
        return c;
    }

    /**
     * A response to the given request: same opaque, response flag set.
     *
     * @param request the request answered
     * @param code the response code
     * @param remark the error text, or {@code null}
     * @return the command
     */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand c = new RemotingCommand();
        c.code = code;
        c.opaque = request.opaque;
        c.flag = FLAG_RESPONSE;
        c.remark = remark;
        return c;
    }

    public int code() {
        return code;
    }

    public RemotingCommand code(int value) {
        this.code = value;
        return this;
    }

    public int language() {
        return language;
    }

    public RemotingCommand language(int value) {
        this.language = value;
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand version(int value) {
        this.version = value;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand opaque(int value) {
        this.opaque = value;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand flag(int value) {
        this.flag = value;
        return this;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand remark(String value) {
        this.remark = value;
        return this;
    }

    /** @return the ext fields, mutable, in insertion order */
    public Map<String, String> extFields() {
        return extFields;
    }

    /**
     * Sets an ext field; a {@code null} value is left out, as on the wire.
     *
     * @param key the field name
     * @param value its value ({@code toString()} is sent)
     * @return this
     */
    public RemotingCommand ext(String key, Object value) {
        if (value != null) {
            extFields.put(key, value.toString());
        }
        return this;
    }

    /**
     * @param key the field name
     * @return the field's value or {@code null}
     */
    public String ext(String key) {
        return extFields.get(key);
    }

    public byte[] body() {
        return body;
    }

    public RemotingCommand body(byte[] value) {
        this.body = value == null ? new byte[0] : value;
        return this;
    }

    public boolean isResponse() {
        return (flag & FLAG_RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & FLAG_ONEWAY) != 0;
    }

    /** Marks this request oneway. */
    public RemotingCommand markOneway() {
        flag |= FLAG_ONEWAY;
        return this;
    }

    @Override
    public String toString() {
        return "RemotingCommand[code=" + code + ", opaque=" + opaque + ", flag=" + flag
            + (remark == null ? "" : ", remark=" + remark) + ", ext=" + extFields + ", body=" + body.length + "B]";
    }
}
