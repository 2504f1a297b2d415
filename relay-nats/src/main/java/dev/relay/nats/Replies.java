package dev.relay.nats;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The replies of a request-many, handed out as they arrive: iterate them (each step blocks until the
 * next reply or an end condition) or {@link #toList()} them all. The inbox subscription ends as soon as
 * the request ends, and at the latest when the total wait runs out even if nobody iterates.
 * Iterate from one thread at a time; {@link #close()} and the accessors are thread-safe.
 *
 * <pre>{@code
 * try (Replies replies = nc.requestMany("$SRV.PING", new byte[0], RequestManyOptions.maxWait(Duration.ofSeconds(1)))) {
 *     for (Message reply : replies) {
 *         System.out.println(reply.dataAsString());
 *     }
 *     if (replies.noResponders()) { System.out.println("nobody answered"); }
 * }
 * }</pre>
 */
public interface Replies extends Iterable<Message>, AutoCloseable {

    /**
     * The replies as a sequential stream; closing the stream closes this.
     *
     * @return the stream
     */
    Stream<Message> stream();

    /**
     * Waits for the end and returns every reply not handed out yet.
     *
     * @return the replies, in arrival order
     */
    List<Message> toList();

    /**
     * Why the request ended, once it has.
     *
     * @return the end, or empty while replies may still come
     */
    Optional<RequestManyEnd> end();

    /**
     * Whether the request ended because nobody listens on the subject (then there are no replies).
     *
     * @return true on no responders
     */
    default boolean noResponders() {
        return end().orElse(null) == RequestManyEnd.NO_RESPONDERS;
    }

    /**
     * The status message that ended the request ({@link RequestManyEnd#STATUS} or
     * {@link RequestManyEnd#NO_RESPONDERS}), if any.
     *
     * @return the status message
     */
    Optional<Message> statusMessage();

    /** Stops gathering now and unsubscribes the inbox; replies not handed out yet are dropped. */
    @Override
    void close();
}
