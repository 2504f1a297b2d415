/** Relay's RocketMQ client: producer (sync, async, oneway, batch, transactions), admin and a pull consumer. */
module dev.relay.rocketmq {
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.codec;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.relay.rocketmq;
}
