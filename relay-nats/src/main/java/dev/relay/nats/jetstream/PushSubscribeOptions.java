package dev.relay.nats.jetstream;

import java.util.Objects;

/**
 * How {@link JetStream#subscribe(String, PushSubscribeOptions, JsMessageHandler)} finds its stream and
 * consumer: the stream (empty: looked up by the subject), a durable name (empty: an ephemeral consumer
 * that goes away on close) and a consumer config used as a template (ack policy, deliver policy, flow
 * control, idle heartbeat, deliver group, …; its filter subject, if set, must equal the subscribed
 * subject). Immutable.
 *
 * <pre>{@code
 * js.subscribe("orders.new", PushSubscribeOptions.durable("billing")
 *     .withConfig(ConsumerConfig.builder().ackWait(Duration.ofSeconds(30)).build()), m -> { bill(m); m.ack(); });
 * }</pre>
 *
 * @param stream the stream, or empty to look up the one stream that stores the subject (default)
 * @param durable the durable consumer's name, or empty for an ephemeral consumer (default)
 * @param config the template for the consumer (default: {@link ConsumerConfig#builder()}'s defaults)
 */
public record PushSubscribeOptions(String stream, String durable, ConsumerConfig config) {
    /** Look up the stream, create an ephemeral consumer with the default config. */
    public static final PushSubscribeOptions DEFAULTS = new PushSubscribeOptions("", "", ConsumerConfig.builder().build());

    /** Checks the fields. */
    public PushSubscribeOptions {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(durable, "durable");
        Objects.requireNonNull(config, "config");
        if (!stream.isEmpty()) {
            Names.checkName("stream", stream);
        }
        if (!durable.isEmpty()) {
            Names.checkName("durable", durable);
        }
        String inConfig = config.name().isEmpty() ? config.durable() : config.name();
        if (!durable.isEmpty() && !inConfig.isEmpty() && !inConfig.equals(durable)) {
            throw new IllegalArgumentException("durable: " + durable + " differs from the config's consumer name "
                + inConfig + "; set one of them");
        }
    }

    /**
     * The defaults with a durable consumer: created on first subscribe, bound to afterwards, kept on close.
     *
     * @param name the durable name
     * @return new options
     */
    public static PushSubscribeOptions durable(String name) {
        return DEFAULTS.withDurable(name);
    }

    /**
     * The defaults with the stream given, which skips the lookup by subject.
     *
     * @param name the stream
     * @return new options
     */
    public static PushSubscribeOptions stream(String name) {
        return DEFAULTS.withStream(name);
    }

    /**
     * These options with the stream given.
     *
     * @param name the stream, or empty to look it up by subject
     * @return new options
     */
    public PushSubscribeOptions withStream(String name) {
        return new PushSubscribeOptions(name, durable, config);
    }

    /**
     * These options with a durable consumer.
     *
     * @param name the durable name, or empty for an ephemeral consumer
     * @return new options
     */
    public PushSubscribeOptions withDurable(String name) {
        return new PushSubscribeOptions(stream, name, config);
    }

    /**
     * These options with a consumer config template.
     *
     * @param template ack policy, deliver policy, flow control, heartbeat, deliver group, …
     * @return new options
     */
    public PushSubscribeOptions withConfig(ConsumerConfig template) {
        return new PushSubscribeOptions(stream, durable, template);
    }

    /** The durable name from the options or, failing that, from the config; empty for an ephemeral consumer. */
    String consumerName() {
        if (!durable.isEmpty()) {
            return durable;
        }
        return config.name().isEmpty() ? config.durable() : config.name();
    }
}
