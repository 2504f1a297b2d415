package dev.relay.rocketmq;

import dev.relay.rocketmq.internal.client.RealAdmin;
import dev.relay.rocketmq.internal.client.RealProducer;
import dev.relay.rocketmq.internal.client.RealPullConsumer;

/**
 * Entry point of Relay's RocketMQ client: creates producers, admins and pull consumers.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder().nameServers("127.0.0.1:9876").group("pg").build();
 * Producer producer = RocketMq.producer(options);
 * producer.start();
 * }</pre>
 */
public final class RocketMq {
    private RocketMq() {
    }

    /**
     * @param options name servers, group (the producer group), timeouts, TLS, hooks
     * @return a producer; call {@link Producer#start()} before sending
     */
    public static Producer producer(ClientOptions options) {
        return new RealProducer(options, null);
    }

    /**
     * @param options name servers, group (the producer group the broker checks back), timeouts, TLS, hooks
     * @param listener runs and checks local transactions
     * @return a producer that also sends transactional messages
     */
    public static Producer transactionProducer(ClientOptions options, TransactionListener listener) {
        return new RealProducer(options, java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param options name servers, timeouts, TLS, hooks
     * @return an admin client, usable at once
     */
    public static Admin admin(ClientOptions options) {
        return new RealAdmin(options);
    }

    /**
     * @param options name servers, group (the consumer group), timeouts, TLS, hooks
     * @return a pull consumer, usable at once
     */
    public static PullConsumer pullConsumer(ClientOptions options) {
        return new RealPullConsumer(options);
    }
}
