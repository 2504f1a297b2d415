package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of one JetStream publish: a message id for deduplication and expectations the stream checks
 * before storing (else the publish fails with {@link WrongLastSequenceException},
 * {@link WrongLastMessageIdException} or a {@link JetStreamApiException} for a stream mismatch).
 * Immutable; made with {@link #builder()} or {@link #messageId(String)}.
 *
 * <pre>{@code
 * js.publish("orders.new", data, PublishOptions.builder().messageId("order-7").expectedLastSequence(41).build());
 * }</pre>
 *
 * @param messageId {@code Nats-Msg-Id}: duplicates within the stream's window are not stored again; "" for none
 * @param expectedStream {@code Nats-Expected-Stream}: the stream that must take the message; ""
 * @param expectedLastSequence {@code Nats-Expected-Last-Sequence}: the stream's last sequence; -1 for none
 * @param expectedLastMessageId {@code Nats-Expected-Last-Msg-Id}: the stream's last message id; ""
 * @param expectedLastSubjectSequence {@code Nats-Expected-Last-Subject-Sequence}: the last sequence of the
 *     subject (0 = the subject has no message yet); -1 for none
 * @param timeout how long to wait for the ack; ZERO for the context's request timeout
 */
public record PublishOptions(String messageId, String expectedStream, long expectedLastSequence,
                             String expectedLastMessageId, long expectedLastSubjectSequence, Duration timeout) {
    /** No id, no expectations, the context's timeout. */
    public static final PublishOptions NONE = builder().build();

    /** Checks the fields. */
    public PublishOptions {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(expectedStream, "expectedStream");
        Objects.requireNonNull(expectedLastMessageId, "expectedLastMessageId");
        Names.checkNotNegative("timeout", timeout);
        if (expectedLastSequence < -1 || expectedLastSubjectSequence < -1) {
            throw new IllegalArgumentException("expectedLastSequence, expectedLastSubjectSequence: 0 or more, or -1 for none");
        }
        if (!expectedStream.isEmpty()) {
            Names.checkName("expectedStream", expectedStream);
        }
    }

    /**
     * Options with only a message id.
     *
     * @param id the message id
     * @return the options
     */
    public static PublishOptions messageId(String id) {
        return builder().messageId(id).build();
    }

    /**
     * Starts a builder with no id and no expectations.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PublishOptions}. Not thread-safe. */
    public static final class Builder {
        private String messageId = "";
        private String expectedStream = "";
        private long expectedLastSequence = -1;
        private String expectedLastMessageId = "";
        private long expectedLastSubjectSequence = -1;
        private Duration timeout = Duration.ZERO;

        private Builder() {
        }

        /**

         * Sets message id for deduplication.

         *

         * @param v message id for deduplication

         * @return this builder

         */
        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        /**

         * Sets the stream that must take the message.

         *

         * @param v the stream that must take the message

         * @return this builder

         */
        public Builder expectedStream(String v) {
            expectedStream = v;
            return this;
        }

        /**

         * Sets the stream's expected last sequence (0 = empty stream).

         *

         * @param v the stream's expected last sequence (0 = empty stream)

         * @return this builder

         */
        public Builder expectedLastSequence(long v) {
            expectedLastSequence = v;
            return this;
        }

        /**

         * Sets the stream's expected last message id.

         *

         * @param v the stream's expected last message id

         * @return this builder

         */
        public Builder expectedLastMessageId(String v) {
            expectedLastMessageId = v;
            return this;
        }

        /**

         * Sets the subject's expected last sequence (0 = no message yet).

         *

         * @param v the subject's expected last sequence (0 = no message yet)

         * @return this builder

         */
        public Builder expectedLastSubjectSequence(long v) {
            expectedLastSubjectSequence = v;
            return this;
        }

        /**

         * Sets how long to wait for the ack.

         *

         * @param v how long to wait for the ack

         * @return this builder

         */
        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public PublishOptions build() {
            return new PublishOptions(messageId, expectedStream, expectedLastSequence, expectedLastMessageId,
                expectedLastSubjectSequence, timeout);
        }
    }
}
