package dev.relay.rocketmq;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;

/** Transactions, check-backs included, over TLS to a broker that enforces it. */
@RocketMqTest(mode = RocketMqServer.Mode.TLS)
class TransactionTlsIT extends AbstractTransactionIT {
}
