package dev.relay.nats.internal.requestmany;

import dev.relay.nats.Message;
import dev.relay.nats.RequestManyEnd;

/**
 * The end conditions of one request-many (ADR-47) as pure logic on a clock the caller passes in:
 * classifies each reply and says how long the gathering may still wait. Confined to one thread at a
 * time (its owner holds a lock).
 */
final class GatherPolicy {

    /** What to do with one reply. */
    enum Step {
        /** Hand it out and keep gathering. */
        DELIVER,
        /** Hand it out; it was the last one allowed by the count. */
        DELIVER_LAST,
        /** The empty reply that ends the request; not handed out. */
        SENTINEL,
        /** Status 503: nobody listens on the subject. */
        NO_RESPONDERS,
        /** Another status message in place of a reply: terminal. */
        STATUS
    }

    private static final int NO_RESPONDERS_STATUS = 503;

    private final int maxMessages;
    private final long stallNanos;
    private final boolean sentinel;
    private final long deadlineNanos;
    private long received;
    private long lastNanos;

    /**
     * @param maxMessages replies that end the request, 0 for no limit
     * @param totalNanos the total wait, positive
     * @param stallNanos the stall wait, 0 for none
     * @param sentinel whether an empty reply ends the request
     * @param startNanos the clock when the request was sent
     */
    GatherPolicy(int maxMessages, long totalNanos, long stallNanos, boolean sentinel, long startNanos) {
        this.maxMessages = maxMessages;
        this.stallNanos = stallNanos;
        this.sentinel = sentinel;
        this.deadlineNanos = startNanos + totalNanos;
    }

    /**
     * Classifies a reply that arrived at {@code nowNanos} and counts it if it is handed out.
     *
     * @param reply the reply
     * @param nowNanos the clock now
     * @return the step to take
     */
    Step onReply(Message reply, long nowNanos) {
        boolean empty = reply.data().length == 0;
        if (empty && reply.hasHeaders() && reply.headers().hasStatus()) {
            return reply.headers().status() == NO_RESPONDERS_STATUS ? Step.NO_RESPONDERS : Step.STATUS;
        }
        if (sentinel && empty && (!reply.hasHeaders() || reply.headers().isEmpty())) {
            return Step.SENTINEL;
        }
        received++;
        lastNanos = nowNanos;
        return maxMessages > 0 && received >= maxMessages ? Step.DELIVER_LAST : Step.DELIVER;
    }

    /**
     * How long the request may still wait for the next reply: until the total deadline, or the stall
     * deadline after the latest reply if that is sooner.
     *
     * @param nowNanos the clock now
     * @return nanoseconds left; zero or less means a time end is due
     */
    long waitNanos(long nowNanos) {
        long left = deadlineNanos - nowNanos;
        if (stallNanos > 0 && received > 0) {
            left = Math.min(left, lastNanos + stallNanos - nowNanos);
        }
        return left;
    }

    /**
     * Which time end is due at {@code nowNanos} (call when {@link #waitNanos} is not positive).
     *
     * @param nowNanos the clock now
     * @return {@link RequestManyEnd#TOTAL_WAIT} or {@link RequestManyEnd#STALL}
     */
    RequestManyEnd timeEnd(long nowNanos) {
        return deadlineNanos - nowNanos <= 0 ? RequestManyEnd.TOTAL_WAIT : RequestManyEnd.STALL;
    }

    /**
     * The end a terminal step means.
     *
     * @param step a step other than {@link Step#DELIVER}
     * @return the end
     */
    static RequestManyEnd endOf(Step step) {
        return switch (step) {
            case DELIVER_LAST -> RequestManyEnd.MAX_MESSAGES;
            case SENTINEL -> RequestManyEnd.SENTINEL;
            case NO_RESPONDERS -> RequestManyEnd.NO_RESPONDERS;
            case STATUS -> RequestManyEnd.STATUS;
            case DELIVER -> throw new IllegalArgumentException("step: DELIVER does not end the request");
        };
    }
}
