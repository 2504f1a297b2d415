package dev.relay.nats.jetstream;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message delivered by a JetStream consumer, with its acknowledgements and its
 * {@link #metadata() metadata}. A message is finished once: {@link #ack()}, {@link #nak()},
 * {@link #term()} (or their variants) a second time throws; {@link #inProgress()} may be sent any number
 * of times before. Acks are fire-and-forget publishes except {@link #ackSync(Duration)}. Thread-safe.
 *
 * <pre>{@code
 * for (JsMessage m : consumer.fetch(100, Duration.ofSeconds(1))) {
 *     try { handle(m); m.ack(); } catch (Exception e) { m.nak(Duration.ofSeconds(5)); }
 * }
 * }</pre>
 */
public final class JsMessage implements Message {
    private static final byte[] ACK = "+ACK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAK = "-NAK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WPI = "+WPI".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TERM = "+TERM".getBytes(StandardCharsets.US_ASCII);

    private final Message message;
    private final Connection nc;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile MessageMetadata metadata;

    JsMessage(Message message, Connection nc) {
        this.message = message;
        this.nc = nc;
    }

    /**
     * The JetStream metadata parsed from the reply subject (stream, consumer, sequences, delivery count,
     * timestamp, pending).
     *
     * @return the metadata
     * @throws IllegalStateException if the message has no JetStream reply subject
     */
    public MessageMetadata metadata() {
        MessageMetadata m = metadata;
        if (m == null) {
            String reply = message.replyTo().orElseThrow(() ->
                new IllegalStateException("message on " + message.subject() + " has no JetStream reply subject"));
            m = MessageMetadata.parse(reply);
            metadata = m;
        }
        return m;
    }

    /**
     * Acknowledges the message: the consumer will not deliver it again. Only the first of ack, nak,
     * term (and their forms) is sent; a later one is a no-op, as in jnats.
     *
     * @return true if this call sent the ack, false if the message was already acknowledged
     */
    public boolean ack() {
        return finish(ACK);
    }

    /**
     * Acknowledges the message and waits until the server confirmed it ("double ack").
     *
     * @param timeout how long to wait for the confirmation
     * @return true if this call sent the ack and the server confirmed it, false if the message was
     *     already acknowledged (nothing is sent then)
     * @throws dev.relay.nats.NatsTimeoutException if the server did not confirm in time
     */
    public boolean ackSync(Duration timeout) {
        if (!claim()) {
            return false;
        }
        nc.request(reply(), (Headers) null, ACK, timeout);
        return true;
    }

    /**
     * Negatively acknowledges the message: the consumer redelivers it at once.
     *
     * @return true if this call sent the nak, false if the message was already acknowledged
     */
    public boolean nak() {
        return finish(NAK);
    }

    /**
     * Negatively acknowledges the message and asks for redelivery after a delay.
     *
     * @param delay how long the server should wait before redelivering; positive
     * @return true if this call sent the nak, false if the message was already acknowledged
     */
    public boolean nak(Duration delay) {
        Names.checkPositive("delay", delay);
        return finish(("-NAK {\"delay\": " + delay.toNanos() + "}").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Tells the server the message is still being worked on: its ack wait starts again.
     *
     * @return true if sent, false if the message was already acknowledged (nothing is sent then)
     */
    public boolean inProgress() {
        if (finished.get()) {
            return false;
        }
        nc.publish(reply(), WPI);
        return true;
    }

    /**
     * Terminates the message: never redelivered, whatever the consumer's max deliver.
     *
     * @return true if this call sent the term, false if the message was already acknowledged
     */
    public boolean term() {
        return finish(TERM);
    }

    /**
     * Whether an ack, nak or term was sent.
     *
     * @return true once finished
     */
    public boolean isFinished() {
        return finished.get();
    }

    private boolean finish(byte[] body) {
        if (!claim()) {
            return false;
        }
        nc.publish(reply(), body);
        return true;
    }

    /** Takes the one acknowledgement a message has; the reply subject is checked first. */
    private boolean claim() {
        reply();
        return finished.compareAndSet(false, true);
    }

    private String reply() {
        return message.replyTo().orElseThrow(() ->
            new IllegalStateException("message on " + message.subject() + " has no reply subject to acknowledge to"));
    }

    private String describe() {
        return message.replyTo().map(r -> r).orElse(message.subject());
    }

    @Override
    public String subject() {
        return message.subject();
    }

    @Override
    public Optional<String> replyTo() {
        return message.replyTo();
    }

    @Override
    public byte[] data() {
        return message.data();
    }

    @Override
    public Headers headers() {
        return message.headers();
    }

    @Override
    public boolean hasHeaders() {
        return message.hasHeaders();
    }

    @Override
    public Subscription subscription() {
        return message.subscription();
    }

    @Override
    public void respond(byte[] data) {
        message.respond(data);
    }

    @Override
    public void respond(Headers headers, byte[] data) {
        message.respond(headers, data);
    }

    @Override
    public String toString() {
        return "JsMessage[" + message.subject() + ", " + message.data().length + " bytes, " + describe() + "]";
    }
}
