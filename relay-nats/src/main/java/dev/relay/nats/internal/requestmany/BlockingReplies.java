package dev.relay.nats.internal.requestmany;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.Message;
import dev.relay.nats.Replies;
import dev.relay.nats.RequestManyEnd;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link Replies} fed by a {@link ReplyGatherer} on the I/O thread: replies go into a queue closed by an
 * end marker, so iterating blocks only on the queue and always ends (the gatherer's timer guarantees the
 * marker). Iterate from one thread at a time; the rest is thread-safe.
 */
final class BlockingReplies implements Replies, ReplyGatherer.Sink {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int maxPending;
    private volatile ReplyGatherer gatherer;
    private volatile RequestManyEnd end;
    private volatile Message status;
    private volatile boolean closed;
    private boolean drained;

    BlockingReplies(int maxPending) {
        this.maxPending = maxPending;
    }

    void attach(ReplyGatherer g) {
        this.gatherer = g;
    }

    @Override
    public boolean accept(Message reply) {
        if (queue.size() >= maxPending) {
            // the reader is not keeping up: end here rather than let a flood of replies fill the heap
            end = RequestManyEnd.OVERFLOW;
            return false;
        }
        queue.add(reply);
        return true;
    }

    @Override
    public void ended(RequestManyEnd why, Message statusMessage) {
        status = statusMessage;
        if (end == null) {
            end = why;
        }
        queue.add(END);
    }

    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                return next != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the request-many ended: " + end);
                }
                Message m = next;
                next = null;
                return m;
            }
        };
    }

    /** The next reply, or null once the end marker was taken. */
    private Message take() {
        if (drained || closed) {
            return null;
        }
        try {
            Object o = queue.take();
            if (o == END || closed) {
                drained = true;
                return null;
            }
            return (Message) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ConnectionClosedException("interrupted while waiting for request-many replies", e);
        }
    }

    @Override
    public Stream<Message> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
            .onClose(this::close);
    }

    @Override
    public List<Message> toList() {
        List<Message> all = new ArrayList<>();
        iterator().forEachRemaining(all::add);
        return all;
    }

    @Override
    public Optional<RequestManyEnd> end() {
        return Optional.ofNullable(end);
    }

    @Override
    public Optional<Message> statusMessage() {
        return Optional.ofNullable(status);
    }

    @Override
    public void close() {
        closed = true;
        ReplyGatherer g = gatherer;
        if (g != null) {
            g.cancel();
            // a reply being handed over on the I/O thread delays the sink's end call; the reason is known now
            if (end == null) {
                end = g.endReason();
            }
        }
        queue.removeIf(o -> o != END);
    }

    @Override
    public String toString() {
        return "Replies[end=" + end + ", queued=" + queue.size() + "]";
    }
}
