package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.EndTransactionHook;
import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.Producer;
import dev.relay.rocketmq.RocketMqBrokerException;
import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.RocketMqTimeoutException;
import dev.relay.rocketmq.SendContext;
import dev.relay.rocketmq.SendMessageHook;
import dev.relay.rocketmq.SendResult;
import dev.relay.rocketmq.SendStatus;
import dev.relay.rocketmq.TransactionListener;
import dev.relay.rocketmq.TransactionSendResult;
import dev.relay.rocketmq.internal.protocol.MessageCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.protocol.TopicRoute;
import dev.relay.rocketmq.internal.remoting.RemotingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Producer}: picks queues, builds send requests, retries sync sends on another broker,
 * bounds async sends in flight, calls the send hooks, and delegates transactions to
 * {@link TransactionSupport}. Thread-safe.
 */
public final class RealProducer implements Producer {
    private static final Logger LOG = LoggerFactory.getLogger(RealProducer.class);
    private static final long AVOID_FAILED_BROKER_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** SYSTEM_BUSY: the broker's flow control; async retries pause a little longer each time. */
    private static final int BROKER_BUSY = 2;
    private static final long BUSY_PAUSE_MS = 100;
    /** Oneway frames handed to a connection but not yet written. */
    private static final int MAX_ONEWAY_PENDING = 4096;

    private final ClientCore core;
    private final String group;
    private final QueueSelector selector = new QueueSelector(AVOID_FAILED_BROKER_NANOS);
    private final Semaphore inFlight;
    private final Semaphore onewayPermits = new Semaphore(MAX_ONEWAY_PENDING);
    private final List<SendMessageHook> sendHooks = new CopyOnWriteArrayList<>();
    private final TransactionSupport transactions;
    private final BrokerCalls brokers;
    private final TraceDispatcher trace;
    private volatile boolean started;

    /**
     * @param options the options (group = producer group)
     * @param listener the transaction listener, or {@code null} for a producer without transactions
     */
    public RealProducer(ClientOptions options, TransactionListener listener) {
        this.group = options.group();
        this.inFlight = new Semaphore(options.maxInFlight());
        TransactionSupport[] holder = new TransactionSupport[1];
        this.core = new ClientCore(options, group, (address, request) -> request.code() == RequestCode.CHECK_TRANSACTION_STATE
            && holder[0] != null ? holder[0].onCheck(address, request) : RemotingConfig.UNSUPPORTED.process(address, request));
        this.brokers = new BrokerCalls(core);
        this.transactions = listener == null ? null : new TransactionSupport(core, group, listener);
        holder[0] = transactions;
        this.trace = options.trace() ? new TraceDispatcher(options) : null;
        if (trace != null) {
            sendHooks.add(trace);
            if (transactions != null) {
                transactions.addHook(trace);
            }
        }
    }

    @Override
    public void start() {
        core.checkOpen();
        if (!started) {
            started = true;
            core.start();
            if (trace != null) {
                trace.start();
            }
        }
    }

    @Override
    public void shutdown() {
        if (trace != null && started && !core.isClosed()) {
            trace.close();
        }
        core.close();
    }

    @Override
    public SendResult send(Message message) {
        checkStarted();
        String uniq = MessageIds.next();
        return sendSync(message, uniq, SendRequests.properties(message, uniq, Map.of()), 0);
    }

    @Override
    public SendResult send(Message message, MessageQueue queue) {
        checkStarted();
        String uniq = MessageIds.next();
        String props = MessageCodec.encodeProperties(SendRequests.properties(message, uniq, Map.of()));
        String address = masterAddress(queue);
        RemotingCommand request = SendRequests.single(group, message, queue, props, 0);
        return sendOnce(address, queue, message, uniq, request);
    }

    /** Sync send with retries on other brokers; also used for half messages. */
    SendResult sendSync(Message message, String uniq, Map<String, String> properties, int sysFlag) {
        String props = MessageCodec.encodeProperties(properties);
        List<MessageQueue> queues = writeQueues(message.topic());
        String lastFailed = null;
        RocketMqException last = null;
        for (int attempt = 0; attempt <= core.options.retries(); attempt++) {
            MessageQueue queue = selector.select(queues, lastFailed, System.nanoTime());
            try {
                RemotingCommand request = SendRequests.single(group, message, queue, props, sysFlag);
                SendResult result = sendOnce(masterAddress(queue), queue, message, uniq, request);
                selector.markOk(queue.brokerName());
                return result;
            } catch (RocketMqException e) {
                if (!worthRetrying(e)) {
                    throw e;
                }
                last = e;
                lastFailed = queue.brokerName();
                selector.markFailed(lastFailed, System.nanoTime());
                LOG.debug("send to {} failed (attempt {}): {}", queue, attempt + 1, e.getMessage());
            }
        }
        throw last;
    }

    private SendResult sendOnce(String address, MessageQueue queue, Message message, String uniq, RemotingCommand request) {
        SendContext context = new SendContext(group, SendContext.Mode.SYNC, address, message, queue, uniq, null, null);
        beforeHooks(context);
        try {
            SendResult result = toResult(core.call(address, request), address, queue, uniq);
            afterHooks(context, result, null);
            return result;
        } catch (RocketMqException e) {
            afterHooks(context, null, e);
            throw e;
        }
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        try {
            checkStarted();
            if (!inFlight.tryAcquire(core.options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RocketMqTimeoutException(core.options.maxInFlight() + " async sends still in flight after "
                    + core.options.requestTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new RocketMqException("interrupted waiting to send", e));
        } catch (RocketMqException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<SendResult> result;
        try {
            result = startAsync(message);
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.failedFuture(ResponseErrors.unwrap(e));
        }
        return result.whenComplete((r, e) -> inFlight.release());
    }

    private CompletableFuture<SendResult> startAsync(Message message) {
        String uniq = MessageIds.next();
        String props = MessageCodec.encodeProperties(SendRequests.properties(message, uniq, Map.of()));
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        attemptAsync(message, uniq, props, 0, null, result);
        return result;
    }

    /**
     * One async attempt; a retriable failure (busy broker, lost connection, timeout) is tried again on
     * another broker, up to {@link ClientOptions#retries()} times, after a pause that grows per attempt
     * when the broker said it is busy. Continues on the callback thread.
     */
    private void attemptAsync(Message message, String uniq, String props, int attempt, String lastFailed,
                              CompletableFuture<SendResult> result) {
        MessageQueue queue;
        String address;
        try {
            queue = selector.select(writeQueues(message.topic()), lastFailed, System.nanoTime());
            address = masterAddress(queue);
        } catch (RocketMqException e) {
            result.completeExceptionally(e);
            return;
        }
        SendContext context = new SendContext(group, SendContext.Mode.ASYNC, address, message, queue, uniq, null, null);
        beforeHooks(context);
        RemotingCommand request = SendRequests.single(group, message, queue, props, 0);
        core.callAsync(address, request).whenCompleteAsync((response, error) -> {
            try {
                if (error != null) {
                    throw ResponseErrors.unwrap(error);
                }
                SendResult r = toResult(response, address, queue, uniq);
                selector.markOk(queue.brokerName());
                afterHooks(context, r, null);
                result.complete(r);
            } catch (RocketMqException e) {
                selector.markFailed(queue.brokerName(), System.nanoTime());
                afterHooks(context, null, e);
                if (attempt >= core.options.retries() || !worthRetrying(e) || core.isClosed()) {
                    result.completeExceptionally(e);
                    return;
                }
                long pauseMs = e instanceof RocketMqBrokerException b && b.responseCode() == BROKER_BUSY
                    ? BUSY_PAUSE_MS * (attempt + 1) : 0;
                Executor next = CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS, core.callbacks);
                next.execute(() -> attemptAsync(message, uniq, props, attempt + 1, queue.brokerName(), result));
            }
        }, core.callbacks);
    }

    @Override
    public void sendOneway(Message message) {
        checkStarted();
        String uniq = MessageIds.next();
        String props = MessageCodec.encodeProperties(SendRequests.properties(message, uniq, Map.of()));
        MessageQueue queue = selector.select(writeQueues(message.topic()), null, System.nanoTime());
        String address = masterAddress(queue);
        SendContext context = new SendContext(group, SendContext.Mode.ONEWAY, address, message, queue, uniq, null, null);
        beforeHooks(context);
        RemotingCommand request = SendRequests.single(group, message, queue, props, 0);
        long timeoutMs = core.options.requestTimeout().toMillis();
        try {
            if (core.remoting.isConnected(address)) {
                // Connected: hand the frame over without waiting for the write, bounded like async sends
                // (an unbounded oneway loop is how the official client runs out of memory).
                if (!onewayPermits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
                    throw new RocketMqTimeoutException(MAX_ONEWAY_PENDING + " oneway sends still unwritten after "
                        + timeoutMs + " ms");
                }
                core.remoting.invokeOneway(address, request).whenComplete((v, e) -> {
                    onewayPermits.release();
                    if (e != null) {
                        LOG.warn("oneway send of {} to {} failed: {}", uniq, address, e.toString());
                    }
                });
            } else {
                // Not connected yet: wait for the connection and the write, so a refusal is reported here.
                core.remoting.invokeOneway(address, request).get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            afterHooks(context, null, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            RocketMqException error = e instanceof java.util.concurrent.TimeoutException
                ? new RocketMqTimeoutException("oneway send to " + address + " not written within " + timeoutMs + " ms")
                : ResponseErrors.unwrap(e);
            afterHooks(context, null, error);
            throw error;
        }
    }

    @Override
    public SendResult sendBatch(List<Message> messages) {
        checkStarted();
        SendRequests.checkBatch(messages);
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(MessageIds.next()));
        String topic = messages.get(0).topic();
        MessageQueue queue = selector.select(writeQueues(topic), null, System.nanoTime());
        String address = masterAddress(queue);
        RemotingCommand request = SendRequests.batch(group, messages, ids, queue);
        return toResult(core.call(address, request), address, queue, String.join(",", ids));
    }

    @Override
    public TransactionSendResult sendInTransaction(Message message, Object arg) {
        checkStarted();
        if (transactions == null) {
            throw new IllegalStateException("this producer has no TransactionListener; create it with RocketMq.transactionProducer");
        }
        return transactions.send(this, message, arg);
    }

    @Override
    public Producer addSendHook(SendMessageHook hook) {
        checkNotStarted();
        sendHooks.add(java.util.Objects.requireNonNull(hook, "hook"));
        return this;
    }

    @Override
    public Producer addEndTransactionHook(EndTransactionHook hook) {
        checkNotStarted();
        if (transactions == null) {
            throw new IllegalStateException("end-transaction hooks need a transaction producer");
        }
        transactions.addHook(java.util.Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** The writable queues of a topic, or of TBW102 (named for this topic) when it does not exist yet. */
    private List<MessageQueue> writeQueues(String topic) {
        List<MessageQueue> queues = core.routes.route(topic).map(r -> r.writeQueues(topic)).orElse(List.of());
        if (!queues.isEmpty()) {
            return queues;
        }
        // Not created yet: send with the default topic's brokers, capped at the queue count the broker creates.
        TopicRoute fallback = core.routes.route(SendRequests.DEFAULT_TOPIC).orElseThrow(() -> ResponseErrors.noRoute(topic));
        List<MessageQueue> capped = new ArrayList<>();
        for (MessageQueue q : fallback.writeQueues(topic)) {
            if (q.queueId() < 4) {
                capped.add(q);
            }
        }
        if (capped.isEmpty()) {
            throw ResponseErrors.noRoute(topic);
        }
        return capped;
    }

    private String masterAddress(MessageQueue queue) {
        return brokers.addressOf(queue);
    }

    private static SendResult toResult(RemotingCommand response, String address, MessageQueue queue, String uniq) {
        SendStatus status = SendRequests.status(response);
        if (status == null) {
            throw ResponseErrors.of(response, "send to topic '" + queue.topic() + "' on " + address);
        }
        return SendRequests.result(response, status, queue, uniq);
    }

    private static boolean worthRetrying(RocketMqException e) {
        if (e.isRetriable()) {
            return true;
        }
        return e instanceof RocketMqBrokerException b && !(e instanceof dev.relay.rocketmq.RocketMqAuthException)
            && (b.responseCode() == RequestCode.SYSTEM_ERROR || b.responseCode() == RequestCode.TOPIC_NOT_EXIST);
    }

    private void beforeHooks(SendContext context) {
        for (SendMessageHook hook : sendHooks) {
            try {
                hook.sendMessageBefore(context);
            } catch (RuntimeException e) {
                LOG.warn("send hook {} failed in sendMessageBefore", hook, e);
            }
        }
    }

    private void afterHooks(SendContext c, SendResult result, RocketMqException error) {
        if (sendHooks.isEmpty()) {
            return;
        }
        SendContext done = new SendContext(c.group(), c.mode(), c.brokerAddress(), c.message(), c.queue(), c.msgId(),
            result, error);
        for (SendMessageHook hook : sendHooks) {
            try {
                hook.sendMessageAfter(done);
            } catch (RuntimeException e) {
                LOG.warn("send hook {} failed in sendMessageAfter", hook, e);
            }
        }
    }

    private void checkStarted() {
        core.checkOpen();
        if (!started) {
            throw new IllegalStateException("producer not started: call start() first");
        }
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("hooks can only be added before start()");
        }
    }

    /** @return the addresses this producer holds connections to, for tests */
    public java.util.Set<String> connectedAddresses() {
        return core.remoting.connectedAddresses();
    }
}
