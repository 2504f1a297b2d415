package dev.relay.console.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One browser's message WebSocket as seen by a {@link LiveSubscription}: sends each message as a text
 * frame while the socket keeps up, and drops (and counts) messages while Netty's outbound buffer for it
 * is over its high-water mark, so a slow browser never makes the console buffer without bound.
 * Thread-safe: {@link #offer} runs on the subscription's dispatcher thread, reads anywhere.
 */
final class SocketSink {

    private final Channel channel;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    SocketSink(Channel channel) {
        this.channel = channel;
    }

    /**
     * Sends one message unless the socket is behind. The JSON gets this socket's drop count added, so
     * the page can show how many it missed.
     *
     * @param json one message as a JSON object text ending in {@code '}'}
     */
    void offer(String json) {
        if (!channel.isActive()) {
            return;
        }
        // Netty counts frames queued from other threads against the high-water mark as they are
        // submitted, so this check bounds what one socket holds: the mark plus one frame.
        if (!channel.isWritable()) {
            dropped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        String framed = json.substring(0, json.length() - 1) + ",\"dropped\":" + dropped.get() + "}";
        channel.writeAndFlush(new TextWebSocketFrame(framed), channel.voidPromise());
    }

    /** Messages handed to the socket. */
    long sent() {
        return sent.get();
    }

    /** Messages dropped because the socket was behind. */
    long dropped() {
        return dropped.get();
    }

    /** The socket's channel. */
    Channel channel() {
        return channel;
    }
}
