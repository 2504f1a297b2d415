package dev.relay.nats.jetstream;

import dev.relay.nats.Durations;
import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.NatsTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link JetStream}: publishing through the connection's request/reply (whose 503 handling makes a
 * publish with no stream fail at once), a semaphore bounding asynchronous publishes, and factories for
 * the consumer handles. Thread-safe.
 */
final class RealJetStream implements JetStream {
    private final ApiClient api;
    private final JetStreamManagement management;
    private final Semaphore publishSlots;

    RealJetStream(Connection nc, JetStreamOptions options) {
        this.api = new ApiClient(Objects.requireNonNull(nc, "nc"), Objects.requireNonNull(options, "options"));
        this.management = new RealJetStreamManagement(api);
        this.publishSlots = new Semaphore(options.maxPendingPublishes());
    }

    @Override
    public JetStreamManagement management() {
        return management;
    }

    @Override
    public Connection connection() {
        return api.connection();
    }

    @Override
    public PublishAck publish(String subject, Headers headers, byte[] data, PublishOptions options) {
        Message reply = api.connection().request(subject, withOptions(headers, options), data, timeout(options));
        return ack(reply);
    }

    @Override
    public CompletableFuture<PublishAck> publishAsync(String subject, Headers headers, byte[] data,
                                                      PublishOptions options) {
        Headers h = withOptions(headers, options);
        Duration timeout = timeout(options);
        acquireSlot(timeout);
        CompletableFuture<Message> reply;
        try {
            reply = api.connection().requestAsync(subject, h, data, timeout);
        } catch (RuntimeException e) {
            publishSlots.release();
            throw e;
        }
        return reply.whenComplete((m, e) -> publishSlots.release()).thenApply(RealJetStream::ack);
    }

    private void acquireSlot(Duration timeout) {
        try {
            if (!publishSlots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new NatsTimeoutException(api.options().maxPendingPublishes()
                    + " asynchronous publishes are still waiting for their ack after " + Durations.format(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsTimeoutException("interrupted while waiting for a free asynchronous publish slot", e);
        }
    }

    @Override
    public int pendingPublishes() {
        return api.options().maxPendingPublishes() - publishSlots.availablePermits();
    }

    @Override
    public void waitForPendingPublishes(Duration timeout) {
        Names.checkPositive("timeout", timeout);
        int all = api.options().maxPendingPublishes();
        try {
            if (!publishSlots.tryAcquire(all, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new NatsTimeoutException(pendingPublishes() + " asynchronous publishes still wait for their ack after "
                    + Durations.format(timeout));
            }
            publishSlots.release(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsTimeoutException("interrupted while waiting for publish acks", e);
        }
    }

    private Duration timeout(PublishOptions o) {
        return o.timeout().isZero() ? api.options().requestTimeout() : o.timeout();
    }

    /** A copy of the caller's headers plus the ones the options ask for; null when there are none. */
    private static Headers withOptions(Headers headers, PublishOptions o) {
        boolean any = !o.messageId().isEmpty() || !o.expectedStream().isEmpty() || o.expectedLastSequence() >= 0
            || !o.expectedLastMessageId().isEmpty() || o.expectedLastSubjectSequence() >= 0;
        if (!any) {
            return headers;
        }
        Headers h = new Headers();
        if (headers != null) {
            for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
                e.getValue().forEach(v -> h.add(e.getKey(), v));
            }
        }
        putIf(h, "Nats-Msg-Id", o.messageId());
        putIf(h, "Nats-Expected-Stream", o.expectedStream());
        putIf(h, "Nats-Expected-Last-Msg-Id", o.expectedLastMessageId());
        if (o.expectedLastSequence() >= 0) {
            h.put("Nats-Expected-Last-Sequence", Long.toString(o.expectedLastSequence()));
        }
        if (o.expectedLastSubjectSequence() >= 0) {
            h.put("Nats-Expected-Last-Subject-Sequence", Long.toString(o.expectedLastSubjectSequence()));
        }
        return h;
    }

    private static void putIf(Headers h, String key, String value) {
        if (!value.isEmpty()) {
            h.put(key, value);
        }
    }

    private static PublishAck ack(Message reply) {
        return InfoJson.publishAck(ApiClient.check(Json.parse(reply.data())));
    }

    @Override
    public PullConsumer pullConsumer(String stream, String consumer) {
        // A pull request to a consumer that does not exist goes unanswered: check first, fail clearly.
        ConsumerInfo info = management.consumerInfo(stream, consumer);
        if (!info.config().isPull()) {
            throw new IllegalArgumentException("consumer: " + stream + " > " + consumer
                + " is a push consumer; use bind(stream, consumer, handler)");
        }
        return new RealPullConsumer(api, stream, consumer);
    }

    @Override
    public PushSubscription subscribe(String stream, ConsumerConfig config, JsMessageHandler handler) {
        return create(stream, config, handler);
    }

    private RealPushSubscription create(String stream, ConsumerConfig config, JsMessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        ConsumerConfig c = config.isPull() ? config.toBuilder().deliverSubject(api.connection().newInbox()).build() : config;
        // Subscribe before creating the consumer so nothing delivered right away is missed.
        RealPushSubscription sub = new RealPushSubscription(api, stream, c.name().isEmpty() ? c.durable() : c.name(),
            c.deliverSubject(), c.deliverGroup(), handler);
        try {
            ConsumerInfo info = management.addOrUpdateConsumer(stream, c);
            sub.consumerName(info.name());
            watch(sub, info);
            return sub;
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    @Override
    public PushSubscription subscribe(String subject, PushSubscribeOptions options, JsMessageHandler handler) {
        Names.checkSubject("subject", subject);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        ConsumerConfig template = options.config();
        if (!template.filterSubjects().isEmpty()
            || !template.filterSubject().isEmpty() && !template.filterSubject().equals(subject)) {
            throw new IllegalArgumentException("options.config: filters on " + (template.filterSubjects().isEmpty()
                ? template.filterSubject() : template.filterSubjects()) + ", not on the subscribed subject " + subject
                + "; leave the filter empty");
        }
        String stream = options.stream().isEmpty() ? streamFor(subject) : options.stream();
        String durable = options.consumerName();
        if (!durable.isEmpty()) {
            ConsumerInfo existing = existing(stream, durable);
            if (existing != null) {
                return bindBySubject(subject, existing, template, handler);
            }
        }
        ConsumerConfig.Builder b = template.toBuilder().filterSubject(subject);
        if (!options.durable().isEmpty()) {
            b.durable(options.durable());
        }
        RealPushSubscription sub = create(stream, b.build(), handler);
        if (durable.isEmpty()) {
            sub.deleteConsumerOnClose();
        }
        return sub;
    }

    /** The one stream that stores the subject, as nats.go's lookupStreamBySubject finds it. */
    private String streamFor(String subject) {
        List<String> names = management.streamNames(subject);
        if (names.isEmpty()) {
            throw new NoMatchingStreamException(subject);
        }
        if (names.size() > 1) {
            throw new ManyMatchingStreamsException(subject, names);
        }
        return names.get(0);
    }

    /** The consumer's info, or null if the stream has no consumer of that name. */
    private ConsumerInfo existing(String stream, String consumer) {
        try {
            return management.consumerInfo(stream, consumer);
        } catch (ConsumerNotFoundException e) {
            return null;
        }
    }

    /** Binds to an existing durable after checking it is the consumer this subscription by subject means. */
    private PushSubscription bindBySubject(String subject, ConsumerInfo info, ConsumerConfig template,
                                           JsMessageHandler handler) {
        ConsumerConfig have = info.config();
        String where = "consumer " + info.stream() + " > " + info.name();
        if (have.isPull()) {
            throw new IllegalArgumentException(where + " is a pull consumer; use pullConsumer(stream, consumer)");
        }
        boolean sameFilter = have.filterSubjects().isEmpty() ? have.filterSubject().equals(subject)
            : have.filterSubjects().equals(List.of(subject));
        if (!sameFilter) {
            throw new IllegalArgumentException(where + " filters on " + (have.filterSubjects().isEmpty()
                ? "'" + have.filterSubject() + "'" : have.filterSubjects()) + ", not on " + subject
                + "; subscribe with its own subject or another durable name");
        }
        if (!template.deliverGroup().isEmpty() && !template.deliverGroup().equals(have.deliverGroup())) {
            throw new IllegalArgumentException(where + " delivers to group '" + have.deliverGroup()
                + "', not to " + template.deliverGroup());
        }
        if (have.deliverGroup().isEmpty() && info.pushBound()) {
            throw new IllegalStateException(where + " is already bound to a subscription and has no deliver group");
        }
        return bind(info, handler);
    }

    @Override
    public PushSubscription bind(String stream, String consumer, JsMessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        ConsumerInfo info = management.consumerInfo(stream, consumer);
        if (info.config().isPull()) {
            throw new IllegalArgumentException("consumer: " + stream + " > " + consumer
                + " is a pull consumer; use pullConsumer(stream, consumer)");
        }
        return bind(info, handler);
    }

    private PushSubscription bind(ConsumerInfo info, JsMessageHandler handler) {
        RealPushSubscription sub = new RealPushSubscription(api, info.stream(), info.name(),
            info.config().deliverSubject(), info.config().deliverGroup(), handler);
        watch(sub, info);
        return sub;
    }

    private static void watch(RealPushSubscription sub, ConsumerInfo info) {
        if (!info.config().idleHeartbeat().isZero()) {
            sub.watchHeartbeats(info.config().idleHeartbeat());
        }
    }

    @Override
    public OrderedConsumer orderedConsumer(String stream, ConsumerConfig template) {
        return new RealOrderedConsumer(api, stream, Objects.requireNonNull(template, "template"));
    }
}
