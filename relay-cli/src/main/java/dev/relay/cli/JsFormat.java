package dev.relay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.jetstream.AccountInfo;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.ConsumerInfo;
import dev.relay.nats.jetstream.StoredMessage;
import dev.relay.nats.jetstream.StreamConfig;
import dev.relay.nats.jetstream.StreamInfo;
import dev.relay.nats.jetstream.StreamState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Text forms of JetStream infos for the {@code js}, {@code stream} and {@code consumer} commands: one
 * {@code Key: value} line per fact, limits of -1 shown as "unlimited". Stateless; thread-safe.
 */
final class JsFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsFormat() {
    }

    static String account(AccountInfo a) {
        return line("Memory", bytes(a.memory()) + " of " + limit(a.limits().maxMemory()))
            + line("Storage", bytes(a.storage()) + " of " + limit(a.limits().maxStorage()))
            + line("Streams", a.streams() + " of " + limit(a.limits().maxStreams()))
            + line("Consumers", a.consumers() + " of " + limit(a.limits().maxConsumers()))
            + (a.domain().isEmpty() ? "" : line("Domain", a.domain()))
            + line("API calls", a.api().total() + " (" + a.api().errors() + " errors)");
    }

    static String stream(StreamInfo info) {
        StreamConfig c = info.config();
        StreamState s = info.state();
        StringBuilder b = new StringBuilder();
        b.append(line("Stream", c.name()));
        if (!c.description().isEmpty()) {
            b.append(line("Description", c.description()));
        }
        b.append(line("Subjects", c.subjects().isEmpty() ? "(none)" : String.join(", ", c.subjects())))
            .append(line("Storage", c.storage().name().toLowerCase(Locale.ROOT) + ", " + c.replicas() + " replica(s)"))
            .append(line("Retention", c.retention().name().toLowerCase(Locale.ROOT) + ", discard " + c.discard().name().toLowerCase(Locale.ROOT)))
            .append(line("Max messages", limit(c.maxMessages())))
            .append(line("Max bytes", c.maxBytes() < 0 ? "unlimited" : bytes(c.maxBytes())))
            .append(line("Max age", c.maxAge().isZero() ? "unlimited" : DurationConverter.format(c.maxAge())))
            .append(line("Max per subject", limit(c.maxMessagesPerSubject())))
            .append(line("Duplicate window", c.duplicateWindow().isZero() ? "default" : DurationConverter.format(c.duplicateWindow())))
            .append(line("Created", info.created().toString()))
            .append(line("Messages", Long.toString(s.messages())))
            .append(line("Bytes", bytes(s.bytes())))
            .append(line("First sequence", s.firstSequence() + (s.messages() > 0 ? " @ " + s.firstTime() : "")))
            .append(line("Last sequence", s.lastSequence() + (s.messages() > 0 ? " @ " + s.lastTime() : "")))
            .append(line("Consumers", Long.toString(s.consumerCount())));
        s.subjects().forEach((subject, n) -> b.append(line("  " + subject, Long.toString(n))));
        return b.toString();
    }

    static String consumer(ConsumerInfo info) {
        ConsumerConfig c = info.config();
        return line("Consumer", info.stream() + " > " + info.name() + (c.durable().isEmpty() ? " (ephemeral)" : ""))
            + (c.description().isEmpty() ? "" : line("Description", c.description()))
            + line("Mode", c.isPull() ? "pull" : "push to " + c.deliverSubject()
                + (c.deliverGroup().isEmpty() ? "" : " (group " + c.deliverGroup() + ")"))
            + line("Filter", c.filterSubject().isEmpty() ? "(all)" : c.filterSubject())
            + line("Deliver", c.deliverPolicy().name().toLowerCase(Locale.ROOT)
                + (c.startSequence() > 0 ? " from " + c.startSequence() : ""))
            + line("Ack", c.ackPolicy().name().toLowerCase(Locale.ROOT) + ", wait " + duration(c.ackWait())
                + ", max deliver " + limit(c.maxDeliver()) + ", max pending " + limit(c.maxAckPending()))
            + line("Delivered", "consumer " + info.delivered().consumerSequence() + ", stream "
                + info.delivered().streamSequence())
            + line("Ack floor", "consumer " + info.ackFloor().consumerSequence() + ", stream "
                + info.ackFloor().streamSequence())
            + line("Pending", info.pending() + " unprocessed, " + info.ackPending() + " awaiting ack, "
                + info.redelivered() + " redelivered, " + info.waiting() + " waiting pulls");
    }

    static String message(StoredMessage m) {
        return line("Subject", m.subject()) + line("Sequence", Long.toString(m.sequence()))
            + line("Time", m.time().toString())
            + (m.headers().isEmpty() ? "" : "Headers:\n" + MessageFormatter.headerLines(m.headers(), "  "))
            + "\n" + MessageFormatter.bodyText(m.data()) + (m.data().length == 0 ? "" : "\n");
    }

    /**
     * A stream config file's JSON with the name from the command line put in (files often leave it out).
     *
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    static String withName(String json, String name) {
        try {
            JsonNode n = JSON.readTree(json);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException("--config: the file must hold a JSON object");
            }
            return o.put("name", name).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--config: not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an enum option given in lower case on the command line (as on the wire).
     *
     * @return the constant, or null when the option was not given
     * @throws IllegalArgumentException naming the option and the allowed values
     */
    static <E extends Enum<E>> E enumArg(Class<E> type, String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " '" + value + "': use one of " + allowed, e);
        }
    }

    private static String duration(Duration d) {
        return d.isZero() ? "default" : DurationConverter.format(d);
    }

    private static String line(String key, String value) {
        return String.format("%-18s %s%n", key + ":", value);
    }

    private static String limit(long n) {
        return n < 0 ? "unlimited" : Long.toString(n);
    }

    private static String bytes(long n) {
        return n + " B";
    }
}
