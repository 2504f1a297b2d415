package dev.relay.console.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;

/**
 * {@code GET /api/nats/messages?sid=N}: upgrades the connection to a WebSocket that streams the
 * subscription's messages, one JSON object a text frame, through a bounded {@link SocketSink}. After the
 * upgrade it answers pings and closes; frames the browser sends are otherwise ignored. One instance per
 * socket, confined to its channel's event loop.
 */
final class MessageSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final WebSocketServerHandshaker handshaker;

    private MessageSocket(WebSocketServerHandshaker handshaker) {
        this.handshaker = handshaker;
    }

    /**
     * Checks the upgrade request and performs the handshake.
     *
     * @param ctx the HTTP channel's context
     * @param request the upgrade request (token already checked)
     * @param query its decoded query
     * @param context the console's shared parts
     * @throws ApiException 400 for a missing or unknown sid or a plain GET, 403 for a foreign Origin,
     *     429 past the socket limit
     */
    static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query,
            ConsoleContext context) {
        context.guard().checkOrigin(request);
        List<String> sids = query.parameters().get("sid");
        if (sids == null || sids.isEmpty()) {
            throw ApiException.badRequest("missing_field", "sid", "sid: required, e.g. ?sid=1");
        }
        LiveSubscription live = context.api().liveSubscriptions().get("sid", NatsApi.parseSid("sid", sids.get(0)));
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            throw ApiException.badRequest("websocket_required", null,
                    "this endpoint streams messages over a WebSocket: send an Upgrade: websocket request");
        }
        if (context.openSockets().incrementAndGet() > context.maxSockets()) {
            context.openSockets().decrementAndGet();
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_sockets", null,
                    "the console has " + context.maxSockets() + " message sockets open already");
        }
        String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + query.path();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, false, MAX_FRAME_BYTES).newHandshaker(request);
        if (handshaker == null) {
            context.openSockets().decrementAndGet();
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        SocketSink sink = new SocketSink(ctx.channel());
        ctx.channel().closeFuture().addListener(f -> {
            live.removeSink(sink);
            context.openSockets().decrementAndGet();
        });
        ctx.pipeline().addLast(new MessageSocket(handshaker));
        handshaker.handshake(ctx.channel(), request).addListener(f -> {
            if (f.isSuccess()) {
                live.addSink(sink);
            } else {
                ctx.channel().close();
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            handshaker.close(ctx.channel(), close.retain());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
    }
}
