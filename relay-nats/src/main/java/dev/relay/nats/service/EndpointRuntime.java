package dev.relay.nats.service;

import dev.relay.nats.Dispatcher;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running endpoint: its resolved subject and queue group, its dispatcher and subscription, and its
 * counters. Thread-safe: requests arrive on its dispatcher, stats are read and reset from any thread.
 */
final class EndpointRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointRuntime.class);

    private final EndpointInfo info;
    private final ServiceHandler handler;
    private final ReentrantLock lock = new ReentrantLock();
    private Dispatcher dispatcher;
    private Subscription subscription;
    private long requests;
    private long errors;
    private String lastError = "";
    private long processingNanos;

    EndpointRuntime(String name, String subject, String queueGroup, Map<String, String> metadata, ServiceHandler handler) {
        this.info = new EndpointInfo(name, subject, queueGroup == null ? "" : queueGroup, metadata);
        this.handler = handler;
    }

    EndpointInfo info() {
        return info;
    }

    /** Subscribes on a dispatcher of its own, so a slow endpoint does not hold up the others. */
    void start(dev.relay.nats.Connection nc) {
        dispatcher = nc.createDispatcher();
        subscription = info.queueGroup().isEmpty()
            ? dispatcher.subscribe(info.subject(), this::handle)
            : dispatcher.subscribe(info.subject(), info.queueGroup(), this::handle);
    }

    /** Stops interest and lets the requests already received finish, then closes the dispatcher. */
    void drain(Duration timeout) {
        try {
            if (dispatcher != null && dispatcher.isActive()) {
                dispatcher.drain(timeout);
            }
        } finally {
            if (dispatcher != null) {
                dispatcher.close();
            }
        }
    }

    /** Stops at once, dropping what is pending. */
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    boolean isListening() {
        return subscription != null && subscription.isActive();
    }

    private void handle(Message m) {
        ServiceRequest request = new ServiceRequest(m, this);
        // counted on arrival: a client that got its answer must find its request counted
        lock.lock();
        try {
            requests++;
        } finally {
            lock.unlock();
        }
        long start = System.nanoTime();
        try {
            handler.onRequest(request);
        } catch (Exception e) {
            String description = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            LOG.warn("handler of endpoint '{}' ({}) threw; answering with error 500", info.name(), info.subject(), e);
            if (!request.hasResponded() && m.replyTo().isPresent()) {
                request.respondError(500, description);
            } else {
                recordError(new ServiceError(500, description).toString());
            }
        } finally {
            long took = System.nanoTime() - start;
            lock.lock();
            try {
                processingNanos += took;
            } finally {
                lock.unlock();
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).replace('\r', ' ').strip();
        return line.isEmpty() ? "error" : line;
    }

    void recordError(String error) {
        lock.lock();
        try {
            errors++;
            lastError = error;
        } finally {
            lock.unlock();
        }
    }

    EndpointStats stats(String data) {
        lock.lock();
        try {
            Duration total = Duration.ofNanos(processingNanos);
            Duration average = requests == 0 ? Duration.ZERO : Duration.ofNanos(processingNanos / requests);
            return new EndpointStats(info.name(), info.subject(), info.queueGroup(), requests, errors, lastError,
                total, average, data);
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        lock.lock();
        try {
            requests = 0;
            errors = 0;
            lastError = "";
            processingNanos = 0;
        } finally {
            lock.unlock();
        }
    }
}
