package dev.relay.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each HTTP request of a console connection: the page's files, the {@code /api/nats/...} calls
 * (token checked first) and the message WebSocket upgrade, and writes every answer as JSON, failures
 * included ({@code {"error", "field", "message"}}, never a stack trace). One instance per channel,
 * confined to its event loop; API answers that complete later are written from the thread that
 * completes them, which Netty hands to the event loop.
 */
final class ConsoleHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttpHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API = "/api/nats/";
    private static final String CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleContext context;

    ConsoleHttpHandler(ConsoleContext context) {
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            writeError(ctx, false, ApiException.badRequest("malformed_request", null, "malformed HTTP request"));
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        try {
            if (!path.startsWith("/api/")) {
                serveFile(ctx, request, path, keepAlive);
                return;
            }
            context.guard().checkToken(request, query);
            if (path.equals(API + "messages") && request.method().equals(HttpMethod.GET)) {
                MessageSocket.upgrade(ctx, request, query, context);
                return;
            }
            route(request, path).whenComplete((response, e) -> {
                if (e == null) {
                    write(ctx, keepAlive, response.status(), response.body());
                } else {
                    writeError(ctx, keepAlive, e);
                }
            });
        } catch (RuntimeException e) {
            writeError(ctx, keepAlive, e);
        }
    }

    private CompletableFuture<ApiResponse> route(FullHttpRequest request, String path) {
        HttpMethod method = request.method();
        NatsApi api = context.api();
        String call = path.startsWith(API) ? path.substring(API.length()) : "";
        if (call.startsWith("subscribe/") && method.equals(HttpMethod.DELETE)) {
            return done(api.unsubscribe(call.substring("subscribe/".length())));
        }
        switch (call) {
            case "publish":
                return done(api.publish(body(request, method)));
            case "request":
                return api.request(body(request, method));
            case "subscribe":
                return done(api.subscribe(body(request, method)));
            case "subscriptions":
                onlyGet(method);
                return done(api.subscriptions());
            case "status":
                onlyGet(method);
                return done(api.status(context.monitor().isPresent()));
            case "monitor":
                onlyGet(method);
                return context.monitor().map(MonitorClient::read).orElseThrow(() -> new ApiException(
                        HttpResponseStatus.NOT_FOUND, "monitor_off", null,
                        "the server monitor is off: start the console with --monitor http://HOST:8222"));
            default:
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", null, "no API call at " + path);
        }
    }

    private static RequestBody body(FullHttpRequest request, HttpMethod method) {
        if (!method.equals(HttpMethod.POST)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", null,
                    "use POST with a JSON body, not " + method);
        }
        return RequestBody.parse(ByteBufUtil.getBytes(request.content()));
    }

    private static void onlyGet(HttpMethod method) {
        if (!method.equals(HttpMethod.GET)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", null,
                    "use GET, not " + method);
        }
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private void serveFile(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", null, "use GET");
        }
        StaticFiles.File file = context.files().get(path).orElseThrow(() ->
                new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", null, "no page at " + path));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(file.bytes()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
        send(ctx, keepAlive, response, file.bytes().length);
    }

    private static void writeError(ChannelHandlerContext ctx, boolean keepAlive, Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        ApiException api;
        if (e instanceof ApiException a) {
            api = a;
        } else {
            LOG.warn("console API call failed", e);
            api = new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", null,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", api.code());
        if (api.field() != null) {
            body.put("field", api.field());
        }
        body.put("message", api.getMessage());
        write(ctx, keepAlive, api.status(), body);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        send(ctx, keepAlive, response, bytes.length);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response, int length) {
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length)
                .set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("console connection failed", cause);
        ctx.close();
    }
}
