/** Relay's web console: a Netty HTTP + WebSocket server in front of one NATS connection. */
module dev.relay.console {
    requires dev.relay.nats;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    exports dev.relay.console;
}
