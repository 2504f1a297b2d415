package dev.relay.rocketmq.internal.remoting;

import dev.relay.rocketmq.RocketMqProtocolException;
import dev.relay.rocketmq.internal.protocol.RemotingCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each length-delimited frame into a {@link RemotingCommand} and routes it: responses to the
 * pending-request table, requests to the request processor. A frame that breaks the grammar closes
 * the connection. Confined to the connection's I/O thread.
 */
final class InboundHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(InboundHandler.class);

    /** Receives a request the server sent. */
    interface RequestSink {
        void onRequest(String address, RemotingCommand request, Channel channel);
    }

    private final String address;
    private final Consumer<RemotingCommand> responses;
    private final RequestSink requests;

    InboundHandler(String address, Consumer<RemotingCommand> responses, RequestSink requests) {
        this.address = address;
        this.responses = responses;
        this.requests = requests;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        RemotingCommand command;
        try {
            command = RemotingCodec.decode(ByteBufUtil.getBytes(frame));
        } catch (RocketMqProtocolException e) {
            LOG.warn("closing the connection to {}: {}", address, e.getMessage());
            ctx.close();
            return;
        }
        if (command.isResponse()) {
            responses.accept(command);
        } else {
            requests.onRequest(address, command, ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection to {} failed: {}", address, cause.toString());
        ctx.close();
    }
}
