package dev.relay.nats.jetstream;

import java.util.Objects;

/**
 * What a purge removes: everything, or only a subject, keeping the newest {@code keep} messages, or
 * removing everything below a sequence. Immutable.
 *
 * <pre>{@code
 * jsm.purgeStream("KV_config", PurgeOptions.subject("$KV.config.color").keep(1));
 * }</pre>
 *
 * @param subject only messages on this subject (wildcards allowed), "" for all
 * @param keep keep this many of the newest matching messages, 0 for none
 * @param upToSequence remove matching messages below this sequence (not including it), 0 for all
 */
public record PurgeOptions(String subject, long keep, long upToSequence) {
    /** Checks the fields: keep and upToSequence exclude each other. */
    public PurgeOptions {
        Objects.requireNonNull(subject, "subject");
        if (!subject.isEmpty()) {
            Names.checkSubject("subject", subject);
        }
        if (keep < 0 || upToSequence < 0) {
            throw new IllegalArgumentException("keep, upToSequence: must not be negative");
        }
        if (keep > 0 && upToSequence > 0) {
            throw new IllegalArgumentException("keep, upToSequence: use one or the other, not both");
        }
    }

    /**
     * Purges everything.
     *
     * @return the options
     */
    public static PurgeOptions all() {
        return new PurgeOptions("", 0, 0);
    }

    /**
     * Purges the messages of a subject.
     *
     * @param subject the subject, wildcards allowed
     * @return the options
     */
    public static PurgeOptions subject(String subject) {
        return new PurgeOptions(subject, 0, 0);
    }

    /**
     * The same purge, keeping the newest messages.
     *
     * @param count how many to keep
     * @return new options
     */
    public PurgeOptions keep(long count) {
        return new PurgeOptions(subject, count, upToSequence);
    }

    /**
     * The same purge, only below a sequence.
     *
     * @param sequence the first sequence to keep
     * @return new options
     */
    public PurgeOptions upToSequence(long sequence) {
        return new PurgeOptions(subject, keep, sequence);
    }
}
