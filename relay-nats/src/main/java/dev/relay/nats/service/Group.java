package dev.relay.nats.service;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A group of endpoints whose subjects share a prefix (ADR-32 groups); groups nest, and each may set a
 * queue group for the endpoints below it. Used while building a {@link Service}; not thread-safe.
 *
 * <pre>{@code
 * Service.builder(nc).name("calc").version("1.0.0")
 *     .group("calc", g -> g.endpoint("add", add).group("admin", a -> a.queueGroup("admins").endpoint("reset", reset)))
 *     .start();   // listens on calc.add and calc.admin.reset
 * }</pre>
 */
public final class Group {

    /** An endpoint and the group it was added to. */
    record Entry(Endpoint endpoint, Group group) {
    }

    private final String prefix;
    private final Group parent;
    private final List<Entry> entries;
    private QueueChoice queue = QueueChoice.INHERIT;

    Group(String prefix, Group parent, List<Entry> entries) {
        this.prefix = prefix;
        this.parent = parent;
        this.entries = entries;
    }

    /**
     * The queue group of this group's endpoints (and its subgroups'), unless they set their own.
     *
     * @param queueGroup a non-empty name without whitespace
     * @return this group
     */
    public Group queueGroup(String queueGroup) {
        this.queue = QueueChoice.of(queueGroup);
        return this;
    }

    /**
     * No queue group for this group's endpoints unless they set their own.
     *
     * @return this group
     */
    public Group noQueueGroup() {
        this.queue = QueueChoice.NONE;
        return this;
    }

    /**
     * Adds an endpoint listening on {@code prefix.name}.
     *
     * @param name the endpoint's name and relative subject
     * @param handler handles its requests
     * @return this group
     */
    public Group endpoint(String name, ServiceHandler handler) {
        return endpoint(Endpoint.of(name, handler));
    }

    /**
     * Adds an endpoint with a subject other than its name, listening on {@code prefix.subject}.
     *
     * @param name the endpoint's name
     * @param subject its subject relative to this group; wildcards allowed
     * @param handler handles its requests
     * @return this group
     */
    public Group endpoint(String name, String subject, ServiceHandler handler) {
        return endpoint(Endpoint.builder(name).subject(subject).handler(handler).build());
    }

    /**
     * Adds an endpoint listening on {@code prefix.subject}.
     *
     * @param endpoint the endpoint
     * @return this group
     */
    public Group endpoint(Endpoint endpoint) {
        entries.add(new Entry(Objects.requireNonNull(endpoint, "endpoint"), this));
        return this;
    }

    /**
     * Adds a nested group whose prefix is {@code prefix.name}.
     *
     * @param name the nested prefix: one or more subject tokens, no {@code >}
     * @param body adds the nested group's endpoints
     * @return this group
     * @throws IllegalArgumentException if the name breaks the subject rules
     */
    public Group group(String name, Consumer<Group> body) {
        Validation.subject("group name", name, false);
        body.accept(new Group(prefix.isEmpty() ? name : prefix + "." + name, this, entries));
        return this;
    }

    /** A group with this one's prefix, parent and queue setting that collects into other entries. */
    Group collectingInto(List<Entry> into) {
        Group copy = new Group(prefix, parent, into);
        copy.queue = queue;
        return copy;
    }

    /** Resolves collected entries into the endpoints a service runs. */
    static List<EndpointRuntime> resolve(List<Entry> entries) {
        List<EndpointRuntime> out = new java.util.ArrayList<>(entries.size());
        for (Entry e : entries) {
            Endpoint ep = e.endpoint();
            out.add(new EndpointRuntime(ep.name(), e.group().subjectOf(ep), e.group().queueOf(ep), ep.metadata(),
                ep.handler()));
        }
        return out;
    }

    /** The subject an endpoint of this group listens on. */
    String subjectOf(Endpoint e) {
        return prefix.isEmpty() ? e.subject() : prefix + "." + e.subject();
    }

    /** The queue group an endpoint of this group uses: its own, else the nearest level that sets one. */
    String queueOf(Endpoint e) {
        return e.queue().resolve(resolvedQueue());
    }

    private String resolvedQueue() {
        String above = parent == null ? QueueChoice.DEFAULT : parent.resolvedQueue();
        return queue.resolve(above);
    }
}
