package dev.relay.rocketmq;

import dev.relay.rocketmq.testing.RocketMqServer;
import dev.relay.rocketmq.testing.RocketMqTest;

/** Transactions, check-backs included, with every request signed for an ACL 2.0 broker. */
@RocketMqTest(mode = RocketMqServer.Mode.ACL)
class TransactionAclIT extends AbstractTransactionIT {
}
