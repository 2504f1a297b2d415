package dev.relay.nats.jetstream;

import java.util.List;

/**
 * Manages streams and consumers through the JetStream API. Every call blocks for one or more API
 * requests of at most {@link JetStreamOptions#requestTimeout()} each; errors from the API are
 * {@link JetStreamApiException}s (typed where callers act on them), a server without JetStream gives
 * {@link JetStreamNotEnabledException}, a timeout {@link dev.relay.nats.NatsTimeoutException}. Configs
 * are checked against the server's version before sending and against what the server stored after
 * ({@link JetStreamUnsupportedException}). Thread-safe.
 *
 * <pre>{@code
 * JetStreamManagement jsm = JetStream.of(nc).management();
 * jsm.addStream(StreamConfig.builder("ORDERS").subjects("orders.>").build());
 * jsm.addOrUpdateConsumer("ORDERS", ConsumerConfig.builder().durable("billing").build());
 * }</pre>
 */
public interface JetStreamManagement {

    /**
     * The account's JetStream usage and limits.
     *
     * @return the account info
     */
    AccountInfo accountInfo();

    /**
     * Creates a stream; creating it again with the same config does nothing.
     *
     * @param config the configuration
     * @return the new stream's info
     * @throws StreamNameInUseException if it exists with another configuration
     */
    StreamInfo addStream(StreamConfig config);

    /**
     * Updates a stream's configuration (not every field may change; the server says which).
     *
     * @param config the new configuration; its name picks the stream
     * @return the stream's info
     * @throws StreamNotFoundException if it does not exist
     */
    StreamInfo updateStream(StreamConfig config);

    /**
     * A stream's configuration and state.
     *
     * @param name the stream
     * @return its info
     * @throws StreamNotFoundException if it does not exist
     */
    StreamInfo streamInfo(String name);

    /**
     * A stream's info with the message count of every subject matching a filter in
     * {@link StreamState#subjects()} (all pages of it).
     *
     * @param name the stream
     * @param subjectsFilter e.g. {@code orders.>}
     * @return its info
     */
    StreamInfo streamInfo(String name, String subjectsFilter);

    /**
     * Names of all streams (every page).
     *
     * @return the names
     */
    List<String> streamNames();

    /**
     * Names of the streams that store a subject matching the filter (every page).
     *
     * @param subjectFilter e.g. {@code orders.new} or {@code orders.>}
     * @return the names
     */
    List<String> streamNames(String subjectFilter);

    /**
     * Infos of all streams (every page).
     *
     * @return the infos
     */
    List<StreamInfo> streams();

    /**
     * Infos of the streams that store a subject matching the filter (every page).
     *
     * @param subjectFilter the filter
     * @return the infos
     */
    List<StreamInfo> streams(String subjectFilter);

    /**
     * Deletes a stream and its consumers and messages.
     *
     * @param name the stream
     * @throws StreamNotFoundException if it does not exist
     */
    void deleteStream(String name);

    /**
     * Removes every message of a stream.
     *
     * @param name the stream
     * @return the number of messages removed
     */
    long purgeStream(String name);

    /**
     * Removes some messages of a stream: of a subject, keeping the newest N, or below a sequence.
     *
     * @param name the stream
     * @param options what to remove
     * @return the number of messages removed
     */
    long purgeStream(String name, PurgeOptions options);

    /**
     * Reads a message by sequence (through the stream leader).
     *
     * @param stream the stream
     * @param sequence the sequence
     * @return the message
     * @throws MessageNotFoundException if there is none at that sequence
     */
    StoredMessage getMessage(String stream, long sequence);

    /**
     * Reads the last message of a subject (through the stream leader).
     *
     * @param stream the stream
     * @param subject the subject (no wildcards)
     * @return the message
     * @throws MessageNotFoundException if the subject has none
     */
    StoredMessage getLastMessage(String stream, String subject);

    /**
     * Reads the first message of a subject at or after a sequence (through the stream leader).
     *
     * @param stream the stream
     * @param sequence where to start
     * @param subject the subject, wildcards allowed
     * @return the message
     * @throws MessageNotFoundException if there is none
     */
    StoredMessage getNextMessage(String stream, long sequence, String subject);

    /**
     * Reads a message by sequence with a direct get, answered by any replica; the stream must have
     * {@link StreamConfig#allowDirect()}.
     *
     * @param stream the stream
     * @param sequence the sequence
     * @return the message
     * @throws MessageNotFoundException if there is none at that sequence
     */
    StoredMessage getMessageDirect(String stream, long sequence);

    /**
     * Reads the last message of a subject with a direct get (the stream must allow direct).
     *
     * @param stream the stream
     * @param subject the subject (no wildcards)
     * @return the message
     * @throws MessageNotFoundException if the subject has none
     */
    StoredMessage getLastMessageDirect(String stream, String subject);

    /**
     * Deletes one message, overwriting its storage with random data ("erase").
     *
     * @param stream the stream
     * @param sequence the message's sequence
     * @throws MessageNotFoundException if there is none
     */
    default void deleteMessage(String stream, long sequence) {
        deleteMessage(stream, sequence, true);
    }

    /**
     * Deletes one message.
     *
     * @param stream the stream
     * @param sequence the message's sequence
     * @param erase whether to overwrite its storage (slower) or only mark it deleted
     * @throws MessageNotFoundException if there is none
     */
    void deleteMessage(String stream, long sequence, boolean erase);

    /**
     * Creates a consumer, or updates it when one of that name exists (the server refuses changes it does
     * not allow).
     *
     * @param stream the stream
     * @param config the configuration
     * @return the consumer's info
     * @throws StreamNotFoundException if the stream does not exist
     */
    ConsumerInfo addOrUpdateConsumer(String stream, ConsumerConfig config);

    /**
     * Updates an existing consumer.
     *
     * @param stream the stream
     * @param config the new configuration; its durable name or name picks the consumer
     * @return the consumer's info
     * @throws ConsumerNotFoundException if it does not exist
     */
    ConsumerInfo updateConsumer(String stream, ConsumerConfig config);

    /**
     * A consumer's configuration and state.
     *
     * @param stream the stream
     * @param consumer the consumer's name
     * @return its info
     * @throws ConsumerNotFoundException if it does not exist
     */
    ConsumerInfo consumerInfo(String stream, String consumer);

    /**
     * Names of a stream's consumers (every page).
     *
     * @param stream the stream
     * @return the names
     */
    List<String> consumerNames(String stream);

    /**
     * Infos of a stream's consumers (every page).
     *
     * @param stream the stream
     * @return the infos
     */
    List<ConsumerInfo> consumers(String stream);

    /**
     * Deletes a consumer.
     *
     * @param stream the stream
     * @param consumer the consumer's name
     * @throws ConsumerNotFoundException if it does not exist
     */
    void deleteConsumer(String stream, String consumer);
}
