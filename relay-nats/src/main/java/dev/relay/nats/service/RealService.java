package dev.relay.nats.service;

import dev.relay.nats.Connection;
import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.ConnectionEvent;
import dev.relay.nats.ConnectionListener;
import dev.relay.nats.Dispatcher;
import dev.relay.nats.Message;
import dev.relay.nats.NatsException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Service} implementation on the public connection API: one dispatcher per endpoint and one
 * for the nine discovery subscriptions. Thread-safe: lifecycle calls from any thread, requests on the
 * dispatchers; {@code stop} drains on a short-lived thread of its own.
 */
final class RealService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(RealService.class);
    private static final String PREFIX = "$SRV";
    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration START_FLUSH = Duration.ofSeconds(5);

    /** The fixed identity of a service. */
    record Identity(String name, String version, String description, Map<String, String> metadata) {
    }

    private final Connection nc;
    private final Identity identity;
    private final String id = newId();
    private final Group root;
    private final List<EndpointRuntime> endpoints;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final StatsDataHandler statsData;
    private final Duration drainTimeout;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Instant startedAt = Instant.now();
    private volatile Dispatcher discovery;
    /** Ends the service when its connection closes for good (nothing could be answered any more). */
    private final ConnectionListener closeWatch = event -> {
        if (event.type() == ConnectionEvent.Type.CLOSED) {
            connectionClosed();
        }
    };

    RealService(Connection nc, Identity identity, Group root, List<EndpointRuntime> endpoints,
                StatsDataHandler statsData, Duration drainTimeout) {
        this.nc = nc;
        this.identity = identity;
        this.root = root;
        this.endpoints = new CopyOnWriteArrayList<>(endpoints);
        this.statsData = statsData;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public Service start() {
        lifecycle.lock();
        try {
            if (stopped.get()) {
                throw new IllegalStateException("service '" + identity.name() + "' (" + id + ") was stopped");
            }
            if (!started.compareAndSet(false, true)) {
                throw new IllegalStateException("service '" + identity.name() + "' (" + id + ") was started before");
            }
            subscribeAll();
            nc.addConnectionListener(closeWatch);
        } finally {
            lifecycle.unlock();
        }
        LOG.debug("service {} {} ({}) started with {} endpoint(s)", identity.name(), identity.version(), id, endpoints.size());
        return this;
    }

    /** Subscribes endpoints and discovery; on failure leaves nothing subscribed and ends the service. */
    private void subscribeAll() {
        try {
            for (EndpointRuntime e : endpoints) {
                e.start(nc);
            }
            Dispatcher d = nc.createDispatcher();
            discovery = d;
            verb(d, "PING", () -> ServiceJson.ping(ping()));
            verb(d, "INFO", () -> ServiceJson.info(info()));
            verb(d, "STATS", () -> ServiceJson.stats(stats()));
            startedAt = Instant.now();
            nc.flush(START_FLUSH);
        } catch (RuntimeException e) {
            closeAll();
            stopped.set(true);
            done.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public Service addEndpoint(Endpoint endpoint) {
        return add(g -> g.endpoint(endpoint));
    }

    @Override
    public Service addGroup(String name, Consumer<Group> body) {
        return add(g -> g.group(name, body));
    }

    /** Adds endpoints collected through a group like the service's own; subscribes them if running. */
    private Service add(Consumer<Group> body) {
        List<Group.Entry> entries = new ArrayList<>();
        body.accept(root.collectingInto(entries));
        List<EndpointRuntime> added = Group.resolve(entries);
        lifecycle.lock();
        try {
            if (stopped.get()) {
                throw new IllegalStateException("service '" + identity.name() + "' (" + id + ") is stopped");
            }
            if (started.get()) {
                try {
                    for (EndpointRuntime e : added) {
                        e.start(nc);
                    }
                    nc.flush(START_FLUSH);
                } catch (RuntimeException e) {
                    added.forEach(EndpointRuntime::close);
                    throw e;
                }
            }
            endpoints.addAll(added);
        } finally {
            lifecycle.unlock();
        }
        return this;
    }

    /** Subscribes a verb on all three levels: every service, this name, this instance. */
    private void verb(Dispatcher d, String verb, Supplier<byte[]> answer) {
        String all = PREFIX + "." + verb;
        for (String subject : List.of(all, all + "." + identity.name(), all + "." + identity.name() + "." + id)) {
            d.subscribe(subject, m -> answerDiscovery(m, answer));
        }
    }

    private static void answerDiscovery(Message m, Supplier<byte[]> answer) {
        if (m.replyTo().isEmpty()) {
            return;
        }
        try {
            m.respond(answer.get());
        } catch (NatsException e) {
            LOG.warn("could not answer a discovery request on {}", m.subject(), e);
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        return stop(null);
    }

    @Override
    public CompletableFuture<Void> stop(Throwable cause) {
        lifecycle.lock();
        try {
            if (!stopped.compareAndSet(false, true)) {
                return done;
            }
        } finally {
            lifecycle.unlock();
        }
        // Draining waits for the endpoints' dispatchers; stop may be called from one of them, so drain elsewhere.
        Thread t = new Thread(() -> drainThenFinish(cause), "relay-nats-service-stop-" + identity.name());
        t.setDaemon(true);
        t.start();
        return done;
    }

    private void connectionClosed() {
        if (stopped.compareAndSet(false, true)) {
            nc.removeConnectionListener(closeWatch);
            LOG.debug("service {} ({}) ended: its connection closed", identity.name(), id);
            done.completeExceptionally(new ConnectionClosedException("the connection of service '"
                + identity.name() + "' (" + id + ") closed"));
        }
    }

    private void drainThenFinish(Throwable cause) {
        nc.removeConnectionListener(closeWatch);
        try {
            Dispatcher d = discovery;
            if (d != null) {
                d.close();
            }
            for (EndpointRuntime e : endpoints) {
                try {
                    e.drain(drainTimeout);
                } catch (NatsException ex) {
                    LOG.warn("endpoint '{}' of service {} did not drain cleanly", e.info().name(), identity.name(), ex);
                }
            }
        } finally {
            if (cause == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(cause);
            }
        }
    }

    private void closeAll() {
        Dispatcher d = discovery;
        if (d != null) {
            d.close();
        }
        endpoints.forEach(EndpointRuntime::close);
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public boolean isStopped() {
        return stopped.get();
    }

    @Override
    public void reset() {
        endpoints.forEach(EndpointRuntime::reset);
        startedAt = Instant.now();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return identity.name();
    }

    @Override
    public String version() {
        return identity.version();
    }

    @Override
    public String description() {
        return identity.description();
    }

    @Override
    public Map<String, String> metadata() {
        return identity.metadata();
    }

    @Override
    public List<EndpointInfo> endpoints() {
        return endpoints.stream().map(EndpointRuntime::info).toList();
    }

    @Override
    public PingResponse ping() {
        return new PingResponse(identity.name(), id, identity.version(), identity.metadata());
    }

    @Override
    public ServiceInfo info() {
        return new ServiceInfo(identity.name(), id, identity.version(), identity.metadata(), identity.description(),
            endpoints());
    }

    @Override
    public ServiceStats stats() {
        List<EndpointStats> all = new ArrayList<>(endpoints.size());
        for (EndpointRuntime e : endpoints) {
            all.add(e.stats(customData(e.info())));
        }
        return new ServiceStats(identity.name(), id, identity.version(), identity.metadata(), startedAt, all);
    }

    private String customData(EndpointInfo endpoint) {
        if (statsData == null) {
            return "";
        }
        try {
            String json = statsData.statsData(endpoint);
            return json == null ? "" : ServiceJson.checkedData(json);
        } catch (RuntimeException e) {
            LOG.warn("the stats data handler of service {} failed for endpoint '{}'; leaving data out",
                identity.name(), endpoint.name(), e);
            return "";
        }
    }

    @Override
    public String toString() {
        return "Service[" + identity.name() + " " + identity.version() + ", id=" + id + ", endpoints="
            + endpoints.size() + (stopped.get() ? ", stopped" : started.get() ? ", running" : ", not started") + "]";
    }

    /** A 22-character random id, like the NUIDs other clients use. */
    private static String newId() {
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length()));
        }
        return new String(c);
    }
}
