package dev.relay.rocketmq.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.rocketmq.ClientClosedException;
import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.remoting.RemotingClient;
import dev.relay.rocketmq.internal.remoting.RemotingConfig;
import dev.relay.rocketmq.internal.remoting.RequestProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a producer, admin or consumer shares: the remoting client, name server failover, the route
 * cache, a timer for route refreshes and heartbeats, and a callback thread for user code. Owns
 * them and closes them together. Thread-safe.
 */
final class ClientCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final ClientOptions options;
    final RemotingClient remoting;
    final NameServerClient nameServers;
    final RouteCache routes;
    final String clientId;
    /** Runs user callbacks (async results, transaction checks) off the I/O thread, in order. */
    final ExecutorService callbacks;
    private final ScheduledExecutorService timer;
    private final String producerGroup;
    private volatile boolean closed;

    /**
     * @param options the options
     * @param producerGroup the group heartbeats announce, or {@code null} to send none
     * @param processor answers broker requests
     */
    ClientCore(ClientOptions options, String producerGroup, RequestProcessor processor) {
        int id = INSTANCES.incrementAndGet();
        this.options = options;
        this.producerGroup = producerGroup;
        this.clientId = MessageIds.clientIp() + "@" + ProcessHandle.current().pid() + "#relay-" + id + "-" + System.nanoTime();
        this.callbacks = Executors.newSingleThreadExecutor(r -> daemon(r, "relay-rmq-callback-" + id));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "relay-rmq-timer-" + id));
        this.remoting = new RemotingClient(RemotingConfig.from(options, processor, callbacks));
        this.nameServers = new NameServerClient(options.nameServers(), remoting, options.requestTimeout());
        this.routes = new RouteCache(nameServers, producerGroup == null ? a -> { } : this::heartbeatAsync);
    }

    /** Starts the periodic route refresh and heartbeats. */
    void start() {
        long refresh = options.routeRefreshInterval().toMillis();
        timer.scheduleWithFixedDelay(routes::refreshAll, refresh, refresh, TimeUnit.MILLISECONDS);
        if (producerGroup != null) {
            long beat = options.heartbeatInterval().toMillis();
            timer.scheduleWithFixedDelay(this::heartbeatAll, beat, beat, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends a request and waits for its response (whatever its code).
     *
     * @param address the server
     * @param request the request
     * @return the response
     * @throws RocketMqException on timeout or connection failure
     */
    RemotingCommand call(String address, RemotingCommand request) {
        checkOpen();
        try {
            return remoting.invoke(address, request, options.requestTimeout()).join();
        } catch (RuntimeException e) {
            throw ResponseErrors.unwrap(e);
        }
    }

    /**
     * @param address the server
     * @param request the request
     * @return the response future (completes on the I/O thread)
     */
    CompletableFuture<RemotingCommand> callAsync(String address, RemotingCommand request) {
        checkOpen();
        return remoting.invoke(address, request, options.requestTimeout());
    }

    /** Sends a heartbeat to every known master now and waits for the answers. */
    void heartbeatAll() {
        for (String address : routes.masterAddresses()) {
            try {
                ResponseErrors.requireSuccess(call(address, heartbeat()), "heartbeat to " + address);
            } catch (RuntimeException e) {
                LOG.warn("heartbeat to {} failed: {}", address, e.getMessage());
            }
        }
    }

    private void heartbeatAsync(String address) {
        if (closed) {
            return;
        }
        remoting.invoke(address, heartbeat(), options.requestTimeout()).whenComplete((r, e) -> {
            if (e != null || r.code() != RequestCode.SUCCESS) {
                LOG.warn("heartbeat to {} failed: {}", address, e != null ? e.getMessage() : r.remark());
            }
        });
    }

    private RemotingCommand heartbeat() {
        ObjectNode body = JSON.createObjectNode().put("clientID", clientId);
        body.putArray("producerDataSet").addObject().put("groupName", producerGroup);
        body.putArray("consumerDataSet");
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Unregisters from every broker (producers), stops the timers and closes all connections. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (producerGroup != null) {
            for (String address : routes.masterAddresses()) {
                RemotingCommand unregister = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                    .ext("clientID", clientId).ext("producerGroup", producerGroup);
                try {
                    remoting.invoke(address, unregister, options.requestTimeout()).join();
                } catch (RuntimeException e) {
                    LOG.debug("unregistering from {} failed: {}", address, e.getMessage());
                }
            }
        }
        closed = true;
        timer.shutdownNow();
        remoting.close();
        callbacks.shutdown();
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new ClientClosedException("client is shut down");
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
