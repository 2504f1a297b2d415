/** Relay's NATS client: core protocol, JetStream, Key-Value, Object Store, request-many and the Service API. */
module dev.relay.nats {
    requires jdk.net;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires io.netty.handler;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.relay.nats;
    exports dev.relay.nats.service;
    exports dev.relay.nats.jetstream;
    exports dev.relay.nats.kv;
    exports dev.relay.nats.objectstore;
}
