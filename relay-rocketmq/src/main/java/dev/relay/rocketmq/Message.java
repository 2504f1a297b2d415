package dev.relay.rocketmq;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send: topic, body, optional tags, keys, user properties, delay level and
 * wait-store flag. Immutable; built with {@link #builder(String)} and checked by {@link Builder#build()}
 * before anything reaches the wire.
 *
 * <p>{@code Message m = Message.builder("orders").body("hi").tags("new").keys("o-1", "c-7").property("a", "b").build();}
 */
public final class Message {
    /** Largest body accepted, the broker's default {@code maxMessageSize} (4 MiB). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Highest delay level of a default broker (1 s … 2 h in 18 steps). */
    public static final int MAX_DELAY_LEVEL = 18;

    private final String topic;
    private final byte[] body;
    private final String tags;
    private final List<String> keys;
    private final Map<String, String> properties;
    private final int delayLevel;
    private final boolean waitStoreMsgOk;

    private Message(Builder b) {
        this.topic = b.topic;
        this.body = b.body.clone();
        this.tags = b.tags;
        this.keys = List.copyOf(b.keys);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.delayLevel = b.delayLevel;
        this.waitStoreMsgOk = b.waitStoreMsgOk;
    }

    /**
     * Starts a message for a topic.
     *
     * @param topic the topic
     * @return a builder
     */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** @return a builder holding this message's values */
    public Builder toBuilder() {
        Builder b = new Builder(topic).body(body).tags(tags).keys(keys).delayLevel(delayLevel)
            .waitStoreMsgOk(waitStoreMsgOk);
        properties.forEach(b::property);
        return b;
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return a copy of the body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body's length in bytes */
    public int bodyLength() {
        return body.length;
    }

    /** @return the tags, or {@code null} */
    public String tags() {
        return tags;
    }

    /** @return the keys (possibly empty), unmodifiable */
    public List<String> keys() {
        return keys;
    }

    /** @return the user properties, unmodifiable, in insertion order */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return the delay level, 0 for none */
    public int delayLevel() {
        return delayLevel;
    }

    /** @return whether the broker answers only after the message is stored (default true) */
    public boolean waitStoreMsgOk() {
        return waitStoreMsgOk;
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", tags=" + tags + ", keys=" + keys + ", body=" + body.length + "B]";
    }

    /** Builds a {@link Message}; not thread-safe. */
    public static final class Builder {
        private String topic;
        private byte[] body = new byte[0];
        private String tags;
        private List<String> keys = List.of();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int delayLevel;
        private boolean waitStoreMsgOk = true;

        private Builder(String topic) {
            this.topic = topic;
        }

        /**
         * @param value the topic: 1–127 characters of {@code [%|a-zA-Z0-9_-]}
         * @return this
         */
        public Builder topic(String value) {
            this.topic = value;
            return this;
        }

        /**
         * @param value the body (copied); must not be empty
         * @return this
         */
        public Builder body(byte[] value) {
            this.body = Objects.requireNonNull(value, "body").clone();
            return this;
        }

        /**
         * @param value the body as UTF-8 text
         * @return this
         */
        public Builder body(String value) {
            return body(Objects.requireNonNull(value, "body").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * @param value the tags (consumers filter on them), or {@code null} for none
         * @return this
         */
        public Builder tags(String value) {
            this.tags = value;
            return this;
        }

        /**
         * @param values keys to index the message by (no spaces inside a key)
         * @return this
         */
        public Builder keys(String... values) {
            return keys(Arrays.asList(values));
        }

        /**
         * @param values keys to index the message by (no spaces inside a key)
         * @return this
         */
        public Builder keys(List<String> values) {
            this.keys = List.copyOf(values);
            return this;
        }

        /**
         * Adds a user property; names reserved by RocketMQ are refused by {@link #build()}.
         *
         * @param name the name
         * @param value the value, not empty (the broker drops empty values)
         * @return this
         */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "property name"), Objects.requireNonNull(value, "property value"));
            return this;
        }

        /**
         * @param value the delay level, 0 (none) to {@value Message#MAX_DELAY_LEVEL}
         * @return this
         */
        public Builder delayLevel(int value) {
            this.delayLevel = value;
            return this;
        }

        /**
         * @param value whether the broker answers only once the message is stored (default true)
         * @return this
         */
        public Builder waitStoreMsgOk(boolean value) {
            this.waitStoreMsgOk = value;
            return this;
        }

        /**
         * Checks and builds the message.
         *
         * @return the message
         * @throws InvalidMessageException naming the field and the rule it breaks
         */
        public Message build() {
            Validation.topic(topic);
            Validation.message(body, tags, keys, properties, delayLevel);
            return new Message(this);
        }
    }
}
