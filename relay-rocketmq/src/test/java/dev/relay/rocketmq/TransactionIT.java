package dev.relay.rocketmq;

import dev.relay.rocketmq.testing.RocketMqTest;

/** Transactions on the plain server. */
@RocketMqTest
class TransactionIT extends AbstractTransactionIT {
}
