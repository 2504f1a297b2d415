package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.EndTransactionContext;
import dev.relay.rocketmq.EndTransactionHook;
import dev.relay.rocketmq.InvalidMessageException;
import dev.relay.rocketmq.LocalTransactionState;
import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.SendResult;
import dev.relay.rocketmq.TransactionListener;
import dev.relay.rocketmq.TransactionSendResult;
import dev.relay.rocketmq.internal.protocol.MessageCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-phase send (PROTOCOL.md §10): half message with {@code TRAN_MSG}, local transaction,
 * END_TRANSACTION; and the answers to the broker's CHECK_TRANSACTION_STATE, which arrive on the
 * heartbeat-registered connection and are processed on the callback thread. Thread-safe.
 */
final class TransactionSupport {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSupport.class);

    private final ClientCore core;
    private final String group;
    private final TransactionListener listener;
    private final List<EndTransactionHook> hooks = new CopyOnWriteArrayList<>();

    TransactionSupport(ClientCore core, String group, TransactionListener listener) {
        this.core = core;
        this.group = group;
        this.listener = listener;
    }

    void addHook(EndTransactionHook hook) {
        hooks.add(hook);
    }

    TransactionSendResult send(RealProducer producer, Message message, Object arg) {
        if (message.delayLevel() > 0) {
            throw new InvalidMessageException("transactional messages cannot have a delay level");
        }
        String uniq = MessageIds.next();
        Map<String, String> props = SendRequests.properties(message, uniq, Map.of("TRAN_MSG", "true", "PGROUP", group));
        SendResult half = producer.sendSync(message, uniq, props, RequestCode.TRANSACTION_PREPARED_TYPE);
        LocalTransactionState state;
        try {
            state = listener.executeLocal(message, arg);
            if (state == null) {
                LOG.warn("executeLocal returned null for {}; treating it as UNKNOWN", uniq);
                state = LocalTransactionState.UNKNOWN;
            }
        } catch (RuntimeException e) {
            LOG.warn("executeLocal failed for {}; the broker will check back", uniq, e);
            state = LocalTransactionState.UNKNOWN;
        }
        String address = core.routes.masterOf(half.queue().brokerName());
        long commitLogOffset = MessageCodec.decodeOffsetMsgId(half.offsetMsgId()).commitLogOffset();
        end(address, message.topic(), half.queueOffset(), commitLogOffset, uniq, half.transactionId(), state, false);
        return new TransactionSendResult(half, state);
    }

    /** Answers a CHECK_TRANSACTION_STATE (a oneway request): asks the listener, then ends the transaction. */
    RemotingCommand onCheck(String address, RemotingCommand check) {
        List<ReceivedMessage> messages = MessageCodec.decodeStored(check.body());
        if (messages.isEmpty()) {
            LOG.warn("transaction check from {} without a message: {}", address, check);
            return null;
        }
        ReceivedMessage message = messages.get(0);
        LocalTransactionState state;
        try {
            state = listener.checkLocal(message);
            if (state == null) {
                state = LocalTransactionState.UNKNOWN;
            }
        } catch (RuntimeException e) {
            LOG.warn("checkLocal failed for {}; answering UNKNOWN", message.msgId(), e);
            state = LocalTransactionState.UNKNOWN;
        }
        String transactionId = check.extFields().getOrDefault("transactionId", message.msgId());
        end(address, message.topic(), Long.parseLong(check.ext("tranStateTableOffset")),
            Long.parseLong(check.ext("commitLogOffset")), message.msgId(), transactionId, state, true);
        return null;
    }

    private void end(String address, String topic, long tranStateTableOffset, long commitLogOffset, String msgId,
                     String transactionId, LocalTransactionState state, boolean fromCheck) {
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION)
            .ext("producerGroup", group).ext("tranStateTableOffset", tranStateTableOffset)
            .ext("commitLogOffset", commitLogOffset).ext("commitOrRollback", state.wireCode())
            .ext("fromTransactionCheck", fromCheck).ext("msgId", msgId).ext("transactionId", transactionId)
            .ext("topic", topic);
        core.remoting.invokeOneway(address, request).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("END_TRANSACTION {} for {} to {} not sent: {}", state, msgId, address, e.toString());
            }
        });
        EndTransactionContext context = new EndTransactionContext(group, address, topic, msgId, transactionId, state, fromCheck);
        for (EndTransactionHook hook : hooks) {
            try {
                hook.endTransaction(context);
            } catch (RuntimeException e) {
                LOG.warn("end-transaction hook {} failed", hook, e);
            }
        }
    }
}
