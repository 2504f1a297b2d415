package dev.relay.nats.service;

import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one service endpoint: name, subject (default: the name), queue group (default:
 * the group's or service's, else {@code q}), metadata and handler. Immutable; thread-safe.
 *
 * <pre>{@code
 * Endpoint add = Endpoint.builder("add").subject("calc.add").queueGroup("adders")
 *     .metadata(Map.of("unit", "int")).handler(req -> req.respond(sum(req.data()))).build();
 * }</pre>
 */
public final class Endpoint {
    private final String name;
    private final String subject;
    private final QueueChoice queue;
    private final Map<String, String> metadata;
    private final ServiceHandler handler;

    private Endpoint(Builder b) {
        this.name = b.name;
        this.subject = b.subject;
        this.queue = b.queue;
        this.metadata = b.metadata;
        this.handler = b.handler;
    }

    /**
     * A new builder.
     *
     * @param name the endpoint's name: A-Z, a-z, 0-9, '-' and '_'
     * @return the builder
     * @throws IllegalArgumentException if the name breaks the rule
     */
    public static Builder builder(String name) {
        return new Builder(Validation.name("endpoint name", name));
    }

    /**
     * An endpoint listening on its name, with default queue group and no metadata.
     *
     * @param name the endpoint's name (and subject)
     * @param handler handles its requests
     * @return the endpoint
     */
    public static Endpoint of(String name, ServiceHandler handler) {
        return builder(name).handler(handler).build();
    }

    /**
     * The endpoint's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The subject relative to its group: the one given, else the name.
     *
     * @return the subject
     */
    public String subject() {
        return subject == null ? name : subject;
    }

    /**
     * The endpoint's metadata.
     *
     * @return the metadata, never null
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The handler of the endpoint's requests.
     *
     * @return the handler
     */
    public ServiceHandler handler() {
        return handler;
    }

    QueueChoice queue() {
        return queue;
    }

    /** Builds an {@link Endpoint}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private String subject;
        private QueueChoice queue = QueueChoice.INHERIT;
        private Map<String, String> metadata = Map.of();
        private ServiceHandler handler;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The subject to listen on, relative to the group (default: the name); wildcards allowed.
         *
         * @param subject a valid subject
         * @return this builder
         * @throws IllegalArgumentException if the subject breaks the rules
         */
        public Builder subject(String subject) {
            this.subject = Validation.subject("subject", subject, true);
            return this;
        }

        /**
         * The queue group of this endpoint, overriding the group's and the service's.
         *
         * @param queueGroup a non-empty name without whitespace
         * @return this builder
         */
        public Builder queueGroup(String queueGroup) {
            this.queue = QueueChoice.of(queueGroup);
            return this;
        }

        /**
         * No queue group: every instance of the service gets every request of this endpoint.
         *
         * @return this builder
         */
        public Builder noQueueGroup() {
            this.queue = QueueChoice.NONE;
            return this;
        }

        /**
         * Free-form metadata reported by INFO.
         *
         * @param metadata keys and values, not null
         * @return this builder
         */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Validation.metadata(metadata);
            return this;
        }

        /**
         * The handler of the endpoint's requests (required).
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder handler(ServiceHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         * @throws IllegalArgumentException if no handler was given
         */
        public Endpoint build() {
            if (handler == null) {
                throw new IllegalArgumentException("handler: endpoint '" + name + "' needs a handler");
            }
            return new Endpoint(this);
        }
    }
}
