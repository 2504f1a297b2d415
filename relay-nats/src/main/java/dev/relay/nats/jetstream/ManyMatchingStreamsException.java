package dev.relay.nats.jetstream;

import dev.relay.nats.NatsException;
import java.util.List;

/**
 * More than one stream stores subjects that a subscription by subject matches (a wildcard subject can
 * span streams), so the client cannot pick one: name the stream in {@link PushSubscribeOptions#stream()}
 * or subscribe to a narrower subject.
 */
public class ManyMatchingStreamsException extends NatsException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final List<String> streams;

    /**
     * Creates the exception.
     *
     * @param subject the subject that was looked up
     * @param streams the streams that store it, two or more
     */
    public ManyMatchingStreamsException(String subject, List<String> streams) {
        super("subject " + subject + " is stored by " + streams.size() + " streams " + streams
            + ": name the stream in PushSubscribeOptions.stream(…) or subscribe to a narrower subject");
        this.subject = subject;
        this.streams = List.copyOf(streams);
    }

    /**
     * The subject that was looked up.
     *
     * @return the subject
     */
    public String subject() {
        return subject;
    }

    /**
     * The streams that store it.
     *
     * @return two or more stream names, as the server listed them
     */
    public List<String> streams() {
        return streams;
    }
}
