package dev.relay.nats.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link JetStreamManagement} over an {@link ApiClient}: builds each request, follows pages, checks
 * configs against the server version and what it stored. Thread-safe (stateless apart from the client).
 */
final class RealJetStreamManagement implements JetStreamManagement {
    /** Bound on pages followed for one listing, so a misbehaving server cannot loop us forever. */
    private static final int MAX_PAGES = 10_000;

    private final ApiClient api;

    RealJetStreamManagement(ApiClient api) {
        this.api = api;
    }

    @Override
    public AccountInfo accountInfo() {
        return InfoJson.accountInfo(api.request("INFO", null));
    }

    @Override
    public StreamInfo addStream(StreamConfig config) {
        return sendStream("STREAM.CREATE.", config);
    }

    @Override
    public StreamInfo updateStream(StreamConfig config) {
        return sendStream("STREAM.UPDATE.", config);
    }

    private StreamInfo sendStream(String op, StreamConfig config) {
        ServerVersion v = api.version();
        ObjectNode sent = StreamConfigJson.toJson(config, v);
        JsonNode answer = api.request(op + config.name(), sent);
        ConfigDrift.check("stream " + config.name(), sent, answer.get("config"), v);
        return InfoJson.streamInfo(answer);
    }

    @Override
    public StreamInfo streamInfo(String name) {
        return InfoJson.streamInfo(api.request("STREAM.INFO." + Names.checkName("stream", name), null));
    }

    @Override
    public StreamInfo streamInfo(String name, String subjectsFilter) {
        Names.checkName("stream", name);
        Names.checkSubject("subjectsFilter", subjectsFilter);
        Map<String, Long> subjects = new LinkedHashMap<>();
        JsonNode first = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = Json.object().put("subjects_filter", subjectsFilter).put("offset", subjects.size());
            JsonNode answer = api.request("STREAM.INFO." + name, body);
            first = first == null ? answer : first;
            Map<String, Long> got = Json.longMap(answer.path("state"), "subjects");
            subjects.putAll(got);
            if (got.isEmpty() || subjects.size() >= Json.lng(answer, "total")) {
                break;
            }
        }
        StreamInfo info = InfoJson.streamInfo(first);
        StreamState s = info.state();
        return new StreamInfo(info.config(), info.created(), new StreamState(s.messages(), s.bytes(),
            s.firstSequence(), s.firstTime(), s.lastSequence(), s.lastTime(), s.consumerCount(), s.deletedCount(),
            s.deleted(), s.subjectCount(), subjects), info.cluster(), info.mirror(), info.sources());
    }

    @Override
    public List<String> streamNames() {
        return pages("STREAM.NAMES", null, "streams", JsonNode::asText);
    }

    @Override
    public List<String> streamNames(String subjectFilter) {
        Names.checkSubject("subjectFilter", subjectFilter);
        return pages("STREAM.NAMES", subjectFilter, "streams", JsonNode::asText);
    }

    @Override
    public List<StreamInfo> streams() {
        return pages("STREAM.LIST", null, "streams", InfoJson::streamInfo);
    }

    @Override
    public List<StreamInfo> streams(String subjectFilter) {
        Names.checkSubject("subjectFilter", subjectFilter);
        return pages("STREAM.LIST", subjectFilter, "streams", InfoJson::streamInfo);
    }

    /** Follows {@code offset} through the pages of a listing: {@code {total, offset, limit, <field>: [...]}}. */
    private <T> List<T> pages(String suffix, String subject, String field, Function<JsonNode, T> read) {
        List<T> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = Json.object().put("offset", out.size());
            if (subject != null) {
                body.put("subject", subject);
            }
            JsonNode answer = api.request(suffix, body);
            JsonNode items = answer.path(field);
            items.forEach(n -> out.add(read.apply(n)));
            if (items.isEmpty() || out.size() >= Json.lng(answer, "total")) {
                break;
            }
        }
        return out;
    }

    @Override
    public void deleteStream(String name) {
        api.request("STREAM.DELETE." + Names.checkName("stream", name), null);
    }

    @Override
    public long purgeStream(String name) {
        return purgeStream(name, PurgeOptions.all());
    }

    @Override
    public long purgeStream(String name, PurgeOptions options) {
        Names.checkName("stream", name);
        ObjectNode body = Json.object();
        Json.putIfNotEmpty(body, "filter", options.subject());
        if (options.keep() > 0) {
            body.put("keep", options.keep());
        }
        if (options.upToSequence() > 0) {
            body.put("seq", options.upToSequence());
        }
        return Json.lng(api.request("STREAM.PURGE." + name, body), "purged");
    }

    @Override
    public StoredMessage getMessage(String stream, long sequence) {
        return get(stream, Json.object().put("seq", checkSequence(sequence)));
    }

    @Override
    public StoredMessage getLastMessage(String stream, String subject) {
        Names.checkSubject("subject", subject);
        return get(stream, Json.object().put("last_by_subj", subject));
    }

    @Override
    public StoredMessage getNextMessage(String stream, long sequence, String subject) {
        Names.checkSubject("subject", subject);
        return get(stream, Json.object().put("seq", checkSequence(sequence)).put("next_by_subj", subject));
    }

    private StoredMessage get(String stream, ObjectNode body) {
        Names.checkName("stream", stream);
        return InfoJson.storedMessage(stream, api.request("STREAM.MSG.GET." + stream, body));
    }

    private static long checkSequence(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence: must be 1 or more, got " + sequence);
        }
        return sequence;
    }

    @Override
    public StoredMessage getMessageDirect(String stream, long sequence) {
        Names.checkName("stream", stream);
        byte[] body = Json.bytes(Json.object().put("seq", checkSequence(sequence)));
        return direct(stream, api.raw(api.subject("DIRECT.GET." + stream), null, body));
    }

    @Override
    public StoredMessage getLastMessageDirect(String stream, String subject) {
        Names.checkName("stream", stream);
        Names.checkSubject("subject", subject);
        return direct(stream, api.raw(api.subject("DIRECT.GET." + stream + "." + subject), null, new byte[0]));
    }

    /**
     * A direct get answers with the message itself: headers {@code Nats-Stream}, {@code Nats-Subject},
     * {@code Nats-Sequence}, {@code Nats-Time-Stamp}, or a status (404 not found, 408 bad request).
     */
    private static StoredMessage direct(String stream, Message m) {
        Headers h = m.headers();
        if (m.status() == 404) {
            throw new MessageNotFoundException(404, 0, "no message found in stream " + stream
                + (h.description().isEmpty() ? "" : " (" + h.description() + ")"));
        }
        if (m.status() != 0) {
            throw ApiErrors.of(m.status(), 0, "direct get on stream " + stream + " failed: " + h.description());
        }
        Headers user = new Headers();
        for (String key : h.keys()) {
            if (!key.equals("Nats-Stream") && !key.equals("Nats-Subject") && !key.equals("Nats-Sequence")
                && !key.equals("Nats-Time-Stamp")) {
                h.get(key).forEach(value -> user.add(key, value));
            }
        }
        return new StoredMessage(h.first("Nats-Stream").orElse(stream), h.first("Nats-Subject").orElse(""),
            Long.parseLong(h.first("Nats-Sequence").orElse("0")), parseTime(h.first("Nats-Time-Stamp").orElse("")),
            user, m.data());
    }

    /** Go prints {@code time.Time} as e.g. {@code 2024-05-01 10:00:00.123456789 +0000 UTC}; RFC 3339 too. */
    private static Instant parseTime(String s) {
        if (s.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            String[] p = s.split(" ");
            if (p.length >= 3) {
                String offset = p[2].substring(0, 3) + ":" + p[2].substring(3);
                return OffsetDateTime.parse(p[0] + "T" + p[1] + offset).toInstant();
            }
            return Instant.EPOCH;
        }
    }

    @Override
    public void deleteMessage(String stream, long sequence, boolean erase) {
        Names.checkName("stream", stream);
        ObjectNode body = Json.object().put("seq", checkSequence(sequence));
        if (!erase) {
            body.put("no_erase", true);
        }
        api.request("STREAM.MSG.DELETE." + stream, body);
    }

    @Override
    public ConsumerInfo addOrUpdateConsumer(String stream, ConsumerConfig config) {
        Names.checkName("stream", stream);
        if (config.isPull() && (!config.deliverGroup().isEmpty() || config.flowControl()
            || !config.idleHeartbeat().isZero())) {
            throw new IllegalArgumentException("config: deliverGroup, flowControl and idleHeartbeat are for push "
                + "consumers (set deliverSubject, or use JetStream.subscribe); pull requests carry their own heartbeat");
        }
        ServerVersion v = api.version();
        ObjectNode sent = ConsumerConfigJson.toJson(config, v);
        ObjectNode body = Json.object().put("stream_name", stream);
        body.set("config", sent);
        String name = config.name().isEmpty() ? config.durable() : config.name();
        String suffix;
        if (v.atLeast(ServerVersion.V2_9_0) && !name.isEmpty()) {
            // 2.9+: the name (and a single filter) go into the subject so permissions can be set per
            // consumer. A filter with wildcards stays out: a published subject cannot hold them.
            String filter = config.filterSubject();
            boolean inSubject = !filter.isEmpty() && filter.indexOf('*') < 0 && filter.indexOf('>') < 0;
            suffix = "CONSUMER.CREATE." + stream + "." + name + (inSubject ? "." + filter : "");
        } else if (!config.durable().isEmpty()) {
            suffix = "CONSUMER.DURABLE.CREATE." + stream + "." + config.durable();
        } else {
            suffix = "CONSUMER.CREATE." + stream;
        }
        JsonNode answer = api.request(suffix, body);
        ConfigDrift.check("consumer " + stream + " > " + Json.str(answer, "name"), sent, answer.get("config"), v);
        return InfoJson.consumerInfo(answer);
    }

    @Override
    public ConsumerInfo updateConsumer(String stream, ConsumerConfig config) {
        String name = config.name().isEmpty() ? config.durable() : config.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("config: an update needs the consumer's durable name or name");
        }
        consumerInfo(stream, name);
        return addOrUpdateConsumer(stream, config);
    }

    @Override
    public ConsumerInfo consumerInfo(String stream, String consumer) {
        Names.checkName("stream", stream);
        Names.checkName("consumer", consumer);
        return InfoJson.consumerInfo(api.request("CONSUMER.INFO." + stream + "." + consumer, null));
    }

    @Override
    public List<String> consumerNames(String stream) {
        return pages("CONSUMER.NAMES." + Names.checkName("stream", stream), null, "consumers", JsonNode::asText);
    }

    @Override
    public List<ConsumerInfo> consumers(String stream) {
        return pages("CONSUMER.LIST." + Names.checkName("stream", stream), null, "consumers", InfoJson::consumerInfo);
    }

    @Override
    public void deleteConsumer(String stream, String consumer) {
        Names.checkName("stream", stream);
        Names.checkName("consumer", consumer);
        api.request("CONSUMER.DELETE." + stream + "." + consumer, null);
    }
}
