package dev.relay.nats.jetstream;

import java.time.Instant;

/**
 * What JetStream says about a delivered message, carried in its reply (ack) subject. Two token layouts
 * exist; both are read:
 * <pre>
 * v1 (9 tokens):   $JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;
 * v2 (12+ tokens): $JS.ACK.&lt;domain&gt;.&lt;account hash&gt;.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;.&lt;token&gt;…
 * </pre>
 * The timestamp is in nanoseconds since the epoch; a v2 domain of {@code _} means none. Immutable.
 *
 * @param domain the JetStream domain, or ""
 * @param stream the stream
 * @param consumer the consumer
 * @param delivered how many times this message was delivered (1 the first time)
 * @param streamSequence its sequence in the stream
 * @param consumerSequence its sequence in the consumer (counts redeliveries too)
 * @param timestamp when the stream stored it
 * @param pending messages still pending for the consumer after this one
 */
public record MessageMetadata(String domain, String stream, String consumer, long delivered, long streamSequence,
                              long consumerSequence, Instant timestamp, long pending) {

    /**
     * Parses an ack subject.
     *
     * @param replyTo the reply subject of a JetStream message
     * @return the metadata
     * @throws IllegalArgumentException if it is not a JetStream ack subject
     */
    public static MessageMetadata parse(String replyTo) {
        String[] t = replyTo.split("\\.", -1);
        if (t.length < 9 || !t[0].equals("$JS") || !t[1].equals("ACK") || t.length == 10) {
            throw new IllegalArgumentException("replyTo: '" + replyTo + "' is not a JetStream ack subject");
        }
        int base = t.length == 9 ? 2 : 4;
        String domain = t.length == 9 || t[2].equals("_") ? "" : t[2];
        try {
            long ts = Long.parseLong(t[base + 5]);
            return new MessageMetadata(domain, t[base], t[base + 1], Long.parseLong(t[base + 2]),
                Long.parseLong(t[base + 3]), Long.parseLong(t[base + 4]),
                Instant.ofEpochSecond(0, ts), Long.parseLong(t[base + 6]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replyTo: '" + replyTo + "' has a non-numeric sequence field", e);
        }
    }
}
