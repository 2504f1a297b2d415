package dev.relay.nats.internal.requestmany;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Replies;
import dev.relay.nats.ReplyHandler;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point of request-many (ADR-47) for a {@link Connection} implementation: an iterable form and a
 * callback form, both built on the public connection API only. Stateless; thread-safe.
 */
public final class RequestMany {

    private RequestMany() {
    }

    /**
     * Sends a request and hands out the replies as they arrive.
     *
     * @param nc the connection
     * @param subject where to send the request
     * @param headers request headers, or null
     * @param data request payload
     * @param options the end conditions
     * @return the replies
     */
    public static Replies iterate(Connection nc, String subject, Headers headers, byte[] data,
                                  RequestManyOptions options) {
        // null options are refused by ReplyGatherer.start with the usual message, before anything is sent
        BlockingReplies replies = new BlockingReplies(options == null ? 1 : options.maxPending());
        // the sink only queues, so it may run on the I/O thread and never waits for a busy dispatcher
        replies.attach(ReplyGatherer.start(nc, subject, headers, data, options, replies, true));
        return replies;
    }

    /**
     * Sends a request and calls a handler with each reply on a dispatcher of its own.
     *
     * @param nc the connection
     * @param subject where to send the request
     * @param headers request headers, or null
     * @param data request payload
     * @param options the end conditions
     * @param handler gets each reply; returns false to stop
     * @return completes with the end once the last handler call returned
     */
    public static CompletableFuture<RequestManyEnd> withHandler(Connection nc, String subject, Headers headers,
                                                                byte[] data, RequestManyOptions options,
                                                                ReplyHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler: must not be null");
        }
        CompletableFuture<RequestManyEnd> done = new CompletableFuture<>();
        ReplyGatherer.start(nc, subject, headers, data, options, new ReplyGatherer.Sink() {
            @Override
            public boolean accept(Message reply) {
                return handler.onReply(reply);
            }

            @Override
            public void ended(RequestManyEnd end, Message status) {
                done.complete(end);
            }
        }, false);
        return done;
    }
}
